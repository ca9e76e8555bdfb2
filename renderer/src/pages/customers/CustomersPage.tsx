// PLACEHOLDER — UI helper replaces this.
export function CustomersPage() {
  return <div>CustomersPage</div>;
}

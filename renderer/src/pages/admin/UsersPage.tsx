// PLACEHOLDER — UI helper replaces this.
export function UsersPage() {
  return <div>UsersPage</div>;
}

// PLACEHOLDER — UI helper replaces this.
export function CustomerPage(_props: { id: number | null }) {
  return <div>customer</div>;
}

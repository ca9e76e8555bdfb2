// PLACEHOLDER — UI helper replaces this.
export function DictsPage() {
  return <div>DictsPage</div>;
}

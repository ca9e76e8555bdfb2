// PLACEHOLDER — UI helper replaces this.
export function SetupPage(_props: { onDone: () => void }) {
  return <div>setup</div>;
}

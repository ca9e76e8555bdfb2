// PLACEHOLDER — UI helper replaces this.
export function SettingsPage() {
  return <div>SettingsPage</div>;
}

// PLACEHOLDER — UI helper replaces this.
export function PasswordPage() {
  return <div>PasswordPage</div>;
}

// PLACEHOLDER — UI helper replaces this.
export function AuditPage() {
  return <div>AuditPage</div>;
}

export interface Summary {
  title: string;
  /** One line per problem; `path` lets the user jump to the field. */
  items: { path: string; message: string }[];
  action?: { label: string; run: () => void };
}

/** The box at the top of the form: every problem at once, each a link to its field. */
export function ErrorSummary({ summary, onPick }: { summary: Summary; onPick: (path: string) => void }) {
  return (
    <div className="cx-alert cx-summary" role="alert" data-testid="form-errors">
      <div className="cx-summary-title">{summary.title}</div>
      {summary.items.length > 0 && (
        <ul>
          {summary.items.map((item, i) => (
            <li key={i}>
              {item.path ? (
                <button type="button" className="link" onClick={() => onPick(item.path)}>
                  {item.message}
                </button>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
      {summary.action && (
        <button type="button" className="btn small" onClick={summary.action.run}>
          {summary.action.label}
        </button>
      )}
    </div>
  );
}

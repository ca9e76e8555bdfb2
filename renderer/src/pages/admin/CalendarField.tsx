import { useRef } from 'react';
import { Field } from '../../components/Field';

/**
 * One list of calendar days (节假日 or 调休上班日): typed one per line or as ranges, or
 * read from a text/CSV file (the State Council's notice copied into a file, or a column
 * saved from Excel). The file's lines are appended, so two notices can be combined;
 * what cannot be read is reported on save by line, never dropped silently.
 */
export function CalendarField({ label, value, onChange, error, hint }: { label: string; value: string; onChange: (v: string) => void; error?: string; hint: string }) {
  const file = useRef<HTMLInputElement>(null);
  const read = async (f: File) => {
    const text = await f.text();
    onChange(value.trim() ? `${value.trimEnd()}\n${text.trim()}` : text.trim());
  };
  return (
    <div className="calendar-field">
      <Field label={label} error={error} hint={hint}>
        <textarea className="input calendar-days" rows={5} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
      </Field>
      <div className="calendar-import">
        <button type="button" className="btn" onClick={() => file.current?.click()}>
          从文件导入…
        </button>
        <input
          ref={file}
          type="file"
          accept=".txt,.csv,text/plain,text/csv"
          hidden
          aria-label={`${label}文件`}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void read(f);
          }}
        />
      </div>
    </div>
  );
}

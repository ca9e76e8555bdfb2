import type { Db } from '../../db/connection';

export type ManagerLookup = (text: string) => string | { error: string };

/**
 * 客户经理 columns hold a login name or, more often, the person's name (张三). Both
 * are accepted when they name one user; the answer is the login name the archive's
 * rules expect. Unknown names are passed through for the rules to report.
 */
export function managerLookup(db: Db): ManagerLookup {
  const cache = new Map<string, string | { error: string }>();
  const byLogin = db.prepare('SELECT name FROM users WHERE name = ?');
  const byDisplay = db.prepare('SELECT name FROM users WHERE display_name = ?');
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    let out: string | { error: string } = text;
    const login = byLogin.get(text) as { name: string } | undefined;
    if (login) out = login.name;
    else {
      const people = byDisplay.all(text) as { name: string }[];
      if (people.length === 1) out = people[0].name;
      else if (people.length > 1) out = { error: `姓名「${text}」对应多个用户，请改填用户名` };
    }
    cache.set(text, out);
    return out;
  };
}

// The relative imports of a TypeScript file, for the local layering rules: resolved
// the way the bundler and tsc resolve them ('./x' → x.ts, x.tsx, x/index.ts), including
// `import type`, `export … from` and dynamic `import('…')`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx'];

/** The file a relative specifier names, or null (a package, or nothing there). */
export function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [
    ...(EXTENSIONS.includes(path.extname(base)) ? [base] : []),
    // ESM style: './x.js' written for './x.ts'.
    ...(/\.[cm]?js$/.test(base) ? EXTENSIONS.map((e) => base.replace(/\.[cm]?js$/, e)) : []),
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      // Not this one.
    }
  }
  return null;
}

/** The specifiers of every import, export-from and dynamic import in `text` (comments and strings skipped). */
export function importSpecifiers(text) {
  return ts.preProcessFile(text, true, false).importedFiles.map((f) => f.fileName);
}

const cache = new Map();

/** The files `file` imports (resolved, relative imports only); read from disk, cached until the file changes. */
export function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.deps;
  const deps = existsSync(file) ? importSpecifiers(readFileSync(file, 'utf8')).map((s) => resolveImport(file, s)).filter(Boolean) : [];
  cache.set(file, { mtime, deps });
  return deps;
}

/**
 * Calls `visit(specifier, node)` for each import of the linted file that names a module:
 * import and export-from declarations, dynamic `import('…')` and `typeof import('…')`.
 */
export function importVisitors(visit) {
  const literal = (node, source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') visit(source.value, node);
  };
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportType: (node) => literal(node, node.source ?? node.argument?.literal),
  };
}

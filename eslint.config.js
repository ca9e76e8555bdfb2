// Lint = correctness basics + the layering rules of the README's architecture section,
// enforced in CI (the way VS Code checks common/node/browser/electron-main):
//   shared   ← nothing of node, DOM-only APIs or electron
//   core     ← shared + node (never electron)
//   main     ← core + shared + electron
//   preload  ← electron + shared types
//   renderer ← shared + DOM (never node, never electron, never core)
// Inside the core (local rules in eslint-rules/): the generic modules (db/, jobs/, excel/,
// errors.ts, clock.ts, dataDir.ts) import no feature, and core and shared have no import
// cycle (the migrations' type import of their index aside).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import layering from './eslint-rules/index.js';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'exceljs', 'iconv-lite', 'playwright-core'];

const restrict = (paths, patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: '违反分层规则（见 README.md「架构」一节）' })),
      patterns: patterns.map((p) => ({ group: [p.group], message: p.message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'tests/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: restrict(
      [...nodeModules, ...nodeOnlyPackages, 'electron', 'react', 'react-dom'],
      [
        { group: '**/electron/**', message: 'shared 不能依赖 electron/ 下的代码' },
        { group: '**/renderer/**', message: 'shared 不能依赖 renderer/' },
      ],
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: restrict(
      ['electron', 'react', 'react-dom'],
      [
        { group: '**/renderer/**', message: 'core 不能依赖 renderer/' },
        { group: '**/electron/main/**', message: 'core 不能依赖 electron/main' },
        { group: '**/electron/preload/**', message: 'core 不能依赖 electron/preload' },
      ],
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'shared/**/*.{ts,tsx}'],
    plugins: { layering },
    rules: {
      'layering/generic-core': ['error', { coreDir: 'electron/core' }],
      'layering/no-cycle': ['error', { roots: ['electron/core', 'shared'], exempt: ['electron/core/db/migrations'] }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict([], [{ group: '**/renderer/**', message: 'main 不能依赖 renderer/' }]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [...nodeModules, ...nodeOnlyPackages],
      [
        { group: '**/electron/core/**', message: 'preload 只能依赖 electron 和 shared 的类型' },
        { group: '**/renderer/**', message: 'preload 不能依赖 renderer/' },
      ],
    ),
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: restrict(
      [...nodeModules, ...nodeOnlyPackages, 'electron'],
      [{ group: '**/electron/**', message: 'renderer 只能依赖 shared/ 和浏览器 API（通过 invoke 调用核心）' }],
    ),
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Relative imports that leave electron/core for a front end: electron/app, electron/cli(.ts), electron/serve*.ts. */
const CORE_OUTSIDE = [
  { regex: '^(\\.\\./)+(app|cli)(/|$)', message: 'electron/core must not import the app or the CLI: they wrap the core, not the reverse.' },
  { regex: '^(\\.\\./)+(cli|serve|serveDownload|serveGuards)(\\.js)?$', message: 'electron/core must not import the CLI or serve entry points.' },
];

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (the electronegativity gate runs outside the TypeScript build).
    files: ['scripts/**/*.mjs', 'scripts/**/*.cjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine runs in the CLI, the tests and the browser bridge: it must never need Electron.
    files: ['electron/core/**/*.ts', 'shared/**/*.ts', 'electron/cli.ts', 'electron/serve.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core and shared must not import electron.' }] }],
    },
  },
  {
    // The core is the engine every front end wraps: it imports nothing from them (app, cli, serve) nor from the
    // test kit (which would ship test code). Its tests may use the test kit.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core and shared must not import electron.' }],
          patterns: [...CORE_OUTSIDE, { regex: '^(\\.\\./)+testkit(/|$)', message: 'electron/core must not import the test kit (test files may).' }],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core and shared must not import electron.' }], patterns: CORE_OUTSIDE }],
    },
  },
  {
    // shared/ is loaded by the renderer too: no Node built-ins.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ must not import electron.' }],
          patterns: [{ group: ['node:*'], message: 'shared/ runs in the renderer too: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the main process only through the API client.' },
            ...['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads'].map((name) => ({
              name,
              message: 'No Node built-ins in the renderer.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node built-ins in the renderer.' },
            { group: ['**/electron/**', '../electron/*'], message: 'The renderer must not import main-process code.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never inject HTML: render text through React.' },
      ],
    },
  },
);

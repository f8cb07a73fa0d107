// ESLint flat config. The architectural rules, one block per runtime folder of src/ (see docs/architecture.md):
// - src/core is the platform-free core (note model, statistics, chart renderer, templates, importers) that runs in
//   the Node extension host, the web worker, the webview, the preview plugin and the CLI: it imports neither
//   `vscode`, nor any Node built-in module, nor anything of ours outside src/core.
// - src/webview runs in the webview page: it imports only the core and its own protocol.
// - src/cli runs in plain Node: the core and its own files, never `vscode` or the extension's adapters.
// - src/vscode/<feature>/ folders do not import each other: they meet through commands and the shared modules
//   directly in src/vscode/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const vscodeModule = { name: 'vscode', message: 'Only src/vscode, src/node and src/web run in the extension host.' };
const nodeModules = (where) => nodeBuiltins.map((name) => ({ name, message: `${where} runs in a browser page: no Node built-in modules.` }));
// Relative imports that leave src/core from a file in src/core/<subject>/ (core files sit one folder deep).
const outsideCore = String.raw`^\.\./\.\./`;
const features = ['sessions', 'stats', 'templates', 'import', 'symbols'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'bench/.workspaces/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'Nothing is ever evaluated.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on VS Code: pass what it needs in from the adapter.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'src/core runs in the web worker too: no Node built-in modules.' })),
        ],
        patterns: [{ regex: outsideCore, message: 'src/core imports nothing of ours outside src/core.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core runs in the web worker too.' },
        { name: 'Buffer', message: 'src/core runs in the web worker too: use Uint8Array/TextDecoder.' },
        { name: 'require', message: 'src/core uses ES imports only.' },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeModule, ...nodeModules('src/webview')],
        patterns: [{ regex: String.raw`^\.\./(?!core/)`, message: 'src/webview imports only the core and its own protocol.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeModule],
        patterns: [{ regex: String.raw`^\.\./(vscode|node|web|webview)/`, message: 'The CLI runs on the core alone.' }],
      }],
    },
  },
  ...features.map((feature) => ({
    files: [`src/vscode/${feature}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: String.raw`^\.\./(${features.filter((other) => other !== feature).join('|')})/`,
          message: 'Features do not import each other: go through a command or a shared module in src/vscode/.',
        }],
      }],
    },
  })),
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'bench/**/*.mjs', '.vscode-test.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);

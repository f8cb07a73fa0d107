// ESLint flat config. The one architectural rule: src/core is the platform-free core (note model,
// statistics, chart renderer, templates, importers) that runs in the Node extension host, the web
// worker and the CLI, so it may import neither `vscode` nor any Node built-in module.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

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
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core runs in the web worker too.' },
        { name: 'Buffer', message: 'src/core runs in the web worker too: use Uint8Array/TextDecoder.' },
        { name: 'require', message: 'src/core uses ES imports only.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'bench/**/*.mjs', '.vscode-test.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);

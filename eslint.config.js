import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The boundaries a newcomer must not have to remember: the tools hold them.
// - Sizes: a file over about 400 lines or a function over about 60 is two things in one.
// - Layers: common/ is shared by both sides and imports neither; the client never imports
//   the server and the server never imports the client (each side's tsconfig also keeps
//   the other's globals out: see tsconfig.json).
// - A learner's refusals come from the message catalogue (LearnerRefusal, below).
// - No promise left floating (an unhandled rejection ends the server). Import cycles, type
//   imports included, are dependency-cruiser's job (.dependency-cruiser.cjs, `npm run lint`).
const sizes = (lines, perFunction) => ({
  'max-lines': ['error', { max: lines, skipBlankLines: true, skipComments: true }],
  'max-lines-per-function': [
    'error',
    { max: perFunction, skipBlankLines: true, skipComments: true, IIFEs: true },
  ],
});

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'images/**/app/node_modules/', '.state/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test() and describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  // Product code keeps to the sizes; tests are long lists of cases and may run longer, but
  // not without end: a test file past 700 lines or a test past 150 is several in one.
  { files: ['common/**/*.ts', 'server/**/*.ts', 'client/**/*.ts', 'bench/**/*.ts'], rules: sizes(400, 60) },
  { files: ['test/**/*.ts'], rules: sizes(700, 150) },
  layer(
    ['common/**/*.ts'],
    ['**/server/**', '**/client/**', 'node:*', 'lit', 'lit/*'],
    'common/ is shared by browser and server: it may import neither side, Node or the DOM.',
  ),
  layer(
    ['client/**/*.ts'],
    ['**/server/**', 'node:*'],
    'The client runs in the browser: it may import common/ but never server/ or Node.',
  ),
  layer(
    ['server/**/*.ts'],
    ['**/client/**', 'lit', 'lit/*'],
    'The server may import common/ but never client/.',
  ),
  // What a learner meets about sandboxes, sessions and steps speaks their language: these parts
  // refuse with a LearnerRefusal, whose type asks for a catalogue message, never bare English.
  {
    files: [
      'server/sessions/**/*.ts',
      'server/sandboxes/**/*.ts',
      'server/engine/**/*.ts',
      'server/progress/**/*.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='PlaygroundError']",
          message: 'A learner reads this: throw a LearnerRefusal with a message from common/messages-*.ts.',
        },
      ],
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  {
    files: ['images/**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
);

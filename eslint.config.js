// Lint covers the whole repository, type-aware: a promise nobody awaits loses its error (and, in a workflow, its
// order). On top of that it guards the two places where purity is a correctness property, not a style:
//  - workflows/: Temporal replays workflow code, so it must be deterministic and free of I/O;
//  - libs/domain/: the deciders are pure (time and ids come in from the caller).
const tseslint = require('typescript-eslint');

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const banNodeBuiltins = [
  { group: ['node:*'], message: 'Node built-ins do I/O or are non-deterministic: do it in an activity.' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'Node built-ins do I/O or are non-deterministic: do it in an activity.' })),
];
const nonDeterministic = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Pass the time in (decider) or use workflow time explicitly: new Date(Date.now()).',
  },
  {
    selector: "CallExpression[callee.object.name='crypto'][callee.property.name='randomUUID']",
    message: 'Ids come in from outside (uuid4() in workflows).',
  },
];

module.exports = [
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'apps/web/**', '**/*.js', '**/*.cjs', '**/*.mjs', '**/*.mts'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module', projectService: true, tsconfigRootDir: __dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banNodeBuiltins,
            {
              group: [
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                '@temporalio/testing',
                '@nestjs/*',
                'typeorm',
                'pg',
              ],
              message: 'Workflow code imports only @temporalio/workflow, pure domain code and activity types.',
            },
            { group: ['**/activities/**'], allowTypeImports: true, message: 'Import activity *types* only (import type …).' },
            {
              group: [
                '**/libs/persistence/**',
                '**/libs/config/**',
                '**/apps/**',
                '@kybaocao/persistence*',
                '@kybaocao/config*',
                '@kybaocao/notifications*',
                '@kybaocao/documents*',
              ],
              message: 'Workflow code must not reach infrastructure.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...nonDeterministic],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Non-deterministic: use workflow-provided randomness or pass values in.' },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banNodeBuiltins,
            {
              group: ['@temporalio/*', '@nestjs/*', 'typeorm', 'pg', 'class-validator', 'class-transformer', 'express'],
              message: 'The domain is pure TypeScript: no framework imports.',
            },
            {
              group: [
                '**/libs/persistence/**',
                '**/libs/config/**',
                '**/apps/**',
                '**/activities/**',
                '**/workflows/**',
                '@kybaocao/persistence*',
                '@kybaocao/config*',
                '@kybaocao/notifications*',
                '@kybaocao/documents*',
              ],
              message: 'The domain depends on nothing outside itself.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...nonDeterministic,
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in from the caller.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Pass values in.' }],
    },
  },
  // The purity rules guard production code; specs may use Node built-ins, clients and the clock.
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': 'off', 'no-restricted-properties': 'off' },
  },
];

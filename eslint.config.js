// Lint guards the two places where purity is a correctness property, not a style:
//  - workflows/: Temporal replays workflow code, so it must be deterministic and free of I/O;
//  - libs/domain/: the deciders are pure (time and ids come in from the caller).
const tseslint = require('typescript-eslint');

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const banNodeBuiltins = [
  { group: ['node:*'], message: 'Node built-ins do I/O or are non-deterministic: do it in an activity.' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'Node built-ins do I/O or are non-deterministic: do it in an activity.' })),
];
const nonDeterministic = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass the time in (decider) or use workflow time explicitly: new Date(Date.now()).' },
  { selector: "CallExpression[callee.object.name='crypto'][callee.property.name='randomUUID']", message: 'Ids come in from outside (uuid4() in workflows).' },
];

module.exports = [
  { ignores: ['dist/**', 'node_modules/**', '**/*.spec.ts', '**/*.int-spec.ts'] },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...banNodeBuiltins,
          { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', '@nestjs/*', 'typeorm', 'pg'],
            message: 'Workflow code imports only @temporalio/workflow, pure domain code and activity types.' },
          { group: ['**/activities/**'], allowTypeImports: true, message: 'Import activity *types* only (import type …).' },
          { group: ['**/libs/persistence/**', '**/libs/config/**', '**/apps/**'], message: 'Workflow code must not reach infrastructure.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...nonDeterministic],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Non-deterministic: use workflow-provided randomness or pass values in.' }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...banNodeBuiltins,
          { group: ['@temporalio/*', '@nestjs/*', 'typeorm', 'pg', 'class-validator', 'class-transformer', 'express'],
            message: 'The domain is pure TypeScript: no framework imports.' },
          { group: ['**/libs/persistence/**', '**/libs/config/**', '**/apps/**', '**/activities/**', '**/workflows/**'],
            message: 'The domain depends on nothing outside itself.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...nonDeterministic,
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in from the caller.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Pass values in.' }],
    },
  },
];

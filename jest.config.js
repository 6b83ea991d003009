// One runner, three tiers:
//   unit        — *.spec.ts beside the code: pure domain, no I/O, no infrastructure;
//   integration — *.int-spec.ts beside the code, against the real PostgreSQL and Temporal servers that
//                 test/infra/global-setup.ts starts (only when a test of this project is selected);
//   e2e         — test/**/*.e2e-spec.ts: API + worker processes + Temporal + PostgreSQL together;
//   scripts     — test/scripts/*.script-spec.ts: the scripts themselves (npm start's PostgreSQL from a fresh clone,
//                 its Ctrl-C), which start their own servers, so no global setup.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
// Path aliases of tsconfig.json (@kybaocao/<lib>/… → libs/<lib>/src/…).
const moduleNameMapper = { '^@kybaocao/(domain|persistence|config|notifications|documents)(/.*)?$': '<rootDir>/libs/$1/src$2' };
const roots = ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/activities', '<rootDir>/test'];

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Jest applies testTimeout globally (ignored inside projects); unit specs finish in milliseconds anyway.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots,
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots,
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      globalSetup: '<rootDir>/test/infra/global-setup.ts',
      globalTeardown: '<rootDir>/test/infra/global-teardown.ts',
    },
    {
      displayName: 'scripts',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/scripts'],
      testMatch: ['**/*.script-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
    },
  ],
};

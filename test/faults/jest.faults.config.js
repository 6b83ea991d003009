// `npm run test:faults`: the fault-injection suite (API SIGKILLed under load; Temporal and PostgreSQL restarted
// mid-cycle). Not part of `npm test` (minutes each, and it stops servers); same infrastructure as the integration
// project (test/infra/global-setup.ts), one file at a time so that the faults do not overlap.
const path = require('node:path');
const base = require('../../jest.config.js');

const integration = base.projects.find((p) => p.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'faults',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.faults-spec.ts'],
  transform: integration.transform,
  moduleNameMapper: integration.moduleNameMapper,
  globalSetup: '<rootDir>/test/infra/global-setup.ts',
  globalTeardown: '<rootDir>/test/infra/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 900000,
};

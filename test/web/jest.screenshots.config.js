// `npm run screenshots`: the integration project of jest.config.js (its global setup starts PostgreSQL and
// Temporal) restricted to test/web/*.shots.ts (screenshots.shots.ts, office.shots.ts), which `npm test` never matches.
const path = require('node:path');
const base = require('../../jest.config.js');

const rootDir = path.resolve(__dirname, '../..');
const integration = base.projects.find((p) => p.displayName === 'integration');
module.exports = {
  rootDir,
  testTimeout: 600000,
  maxWorkers: 1,
  projects: [{ ...integration, rootDir, displayName: 'screenshots', testMatch: ['**/test/web/*.shots.ts'] }],
};

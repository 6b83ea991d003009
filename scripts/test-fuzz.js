#!/usr/bin/env node
'use strict';
// `npm run test:fuzz`: the property-based fuzz suite (test/fuzz) at a large size — FUZZ_REQUESTS requests
// (default 40,000) generated from the served OpenAPI document — after the same preparation as `npm test`.
// `npm test` runs the same suite at 1,500 requests. Extra arguments go to Jest; FUZZ_SEED replays a run.
process.env.FUZZ_REQUESTS = process.env.FUZZ_REQUESTS || '40000';
process.argv = [
  process.argv[0],
  require.resolve('./test.js'),
  '--selectProjects',
  'integration',
  '--',
  'test/fuzz',
  ...process.argv.slice(2),
];
require('./test.js');

'use strict';
// The web app's build steps (apps/web), shared by `npm test` and `npm start`: the OpenAPI document of the
// API (no database needed), the typed client generated from it, then type-check, lint, Vite build (to
// dist/web, which the API serves at /ui/) and the component tests.
const path = require('node:path');

function webSteps(root, { check = true } = {}) {
  const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
  const openapi = path.join(root, 'dist', 'openapi.json');
  const webConfig = path.join('apps', 'web', 'vite.config.mts');
  return [
    ['web: OpenAPI document', [path.join(root, 'apps', 'web', 'scripts', 'openapi-document.cjs'), openapi]],
    [
      'web: typed API client',
      [
        bin('openapi-typescript', 'bin/cli.js'),
        openapi,
        '-o',
        path.join(root, 'apps', 'web', 'src', 'api', 'generated', 'schema.d.ts'),
        '--silent',
      ],
    ],
    ...(check
      ? [
          ['web: type-check', [bin('typescript', 'bin/tsc'), '-p', path.join('apps', 'web', 'tsconfig.json')]],
          ['web: lint', [bin('eslint', 'bin/eslint.js'), '-c', path.join('apps', 'web', 'eslint.config.js'), path.join('apps', 'web')]],
        ]
      : []),
    ['web: build (dist/web)', [bin('vite', 'bin/vite.js'), 'build', '--config', webConfig, '--logLevel', 'warn']],
    ...(check ? [['web: component tests', [bin('vitest', 'vitest.mjs'), 'run', '--config', webConfig]]] : []),
  ];
}

module.exports = { webSteps };

'use strict';
// Writes the API's OpenAPI document (the one the running API serves at /docs/openapi.json) without a
// database or Temporal: the Nest application is created in preview mode (modules and controllers are
// scanned, no provider is instantiated, so nothing connects anywhere) and configureApp() builds the document
// exactly as main.ts does. The API's TypeScript sources are compiled on the fly with SWC (the compiler the
// Jest projects already use), so the web build does not depend on a prior `tsc` of the API.
// Usage: node apps/web/scripts/openapi-document.cjs <out.json>
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..', '..');
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
// The API's path aliases (tsconfig.json paths: @kybaocao/<lib>/… → libs/<lib>/src/…), as tsc-alias resolves them in dist/.
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const alias = /^@kybaocao\/(domain|persistence|config|notifications|documents)(\/.*)?$/.exec(request);
  return resolveFilename.call(this, alias ? path.join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request, ...rest);
};
const load = require.extensions['.js'];
require.extensions['.ts'] = function compileTs(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`)) return load(module, filename);
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: openapi-document.cjs <out.json>');
  require('reflect-metadata');
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = require(path.join(root, 'apps/api/src/app.module.ts'));
  const { configureApp } = require(path.join(root, 'apps/api/src/app.setup.ts'));
  const app = await NestFactory.create(AppModule, { preview: true, logger: ['error'], bodyParser: false, abortOnError: false });
  const document = configureApp(app);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  process.stderr.write(`[web] OpenAPI document: ${Object.keys(document.paths).length} paths → ${path.relative(root, path.resolve(out))}\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`[web] OpenAPI document failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});

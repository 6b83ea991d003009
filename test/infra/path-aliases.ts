import Module from 'node:module';
import path from 'node:path';

/**
 * Jest's global setup and teardown run outside its module registry, so its `moduleNameMapper` does not apply to
 * them: this resolves the repository's path aliases (tsconfig.json: `@kybaocao/<lib>/…` → `libs/<lib>/src/…`) for
 * them and for everything they require. Imported first.
 */
const root = path.resolve(__dirname, '..', '..');
const alias = /^@kybaocao\/(domain|persistence|config|notifications|documents)(\/.*)?$/;
const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = mod._resolveFilename;
mod._resolveFilename = function resolveAlias(request: string, ...rest: unknown[]): string {
  const m = alias.exec(request);
  return resolveFilename.call(this, m ? path.join(root, 'libs', m[1], 'src', m[2] ?? '') : request, ...rest);
};

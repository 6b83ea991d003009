/// <reference types="vitest/config" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * Each script, style sheet and SVG of 1 KB or more written again beside itself as `.br` (brotli, best) and `.gz` (gzip,
 * best), when smaller: the API serves them to browsers that accept them (apps/api/src/ui: express-static-gzip).
 * Compressed once here, never per request: the app's 1.7 MB of scripts and styles are 0.5 MB in brotli, for a reporter's
 * phone on a slow link.
 */
export function precompressed(): Plugin {
  return {
    name: 'kybaocao-precompressed',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(options.dir!, name);
        const raw = fs.readFileSync(file);
        if (raw.length < 1024) continue;
        const br = brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        });
        const gz = gzipSync(raw, { level: 9 });
        if (br.length < raw.length) fs.writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * The web app, served by the API at /ui/ (apps/api/src/ui). The domain's pure functions (Vietnamese
 * formatters, the template's figure checks) are imported through the @domain alias: one copy, shared with
 * the server. Output: dist/web (gitignored with the rest of dist/).
 */
export default defineConfig({
  root: here,
  base: '/ui/',
  plugins: [precompressed()],
  resolve: {
    alias: { '@domain': path.join(root, 'libs/domain/src') },
  },
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components): meaningless in a client bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: [path.join(here, 'src/test-setup.ts')],
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    css: false,
    testTimeout: 30000,
  },
});

/// <reference types="vitest/config" />
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * The web app, served by the API at /ui/ (apps/api/src/ui). The domain's pure functions (Vietnamese
 * formatters, the template's figure checks) are imported through the @domain alias: one copy, shared with
 * the server. Output: dist/web (gitignored with the rest of dist/).
 */
export default defineConfig({
  root: here,
  base: '/ui/',
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

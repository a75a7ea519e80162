import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CSP } from './shared/api/csp';

/** The page's meta CSP comes from the one constant both transports send (frame-ancestors is ignored in a meta tag). */
const cspMeta = (): Plugin => ({
  name: 'xinfangdesk-csp-meta',
  transformIndexHtml: (html) =>
    html.replace(
      '%XFD_CSP%',
      CSP.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .join('; '),
    ),
});

// The electron/ + renderer/ layout differs from the template, so every entry is explicit.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Minified: a 3.6 MB unminified bundle cost every window (and every e2e test) its parse time.
      minify: true,
      chunkSizeWarningLimit: 3000,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});

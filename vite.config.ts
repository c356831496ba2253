// Builds the Lit client into dist/ and the service worker (sw/sw.ts) with vite-plugin-pwa.
// The web app manifest is served by the server from configuration, so the plugin does not write one.
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  // BUILD_OUT_DIR lets the update test build a second version of the app next to the first.
  build: {
    outDir: process.env.BUILD_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787', '/manifest.webmanifest': 'http://127.0.0.1:8787' } },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,txt,woff2}'],
        // jspdf's optional html2canvas/canvg chunks are never used: keep them out of the precache.
        globIgnores: ['**/html2canvas*', '**/purify*', '**/index.es-*', '**/canvg*', '.vite/**'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
});

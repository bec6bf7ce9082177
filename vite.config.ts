import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { chunkMapPlugin } from './bench/chunk-map-plugin';
import { prerenderSignInPlugin } from './scripts/prerender-plugin';

export default defineConfig({
  // Read by src/domain/zod-config.ts: zod without its JIT in the browser only.
  define: { __BROWSER_BUILD__: 'true' },
  resolve: {
    // RxDB's leader election listens on `pagehide`, not the deprecated `unload` (src/vendor/unload.ts).
    alias: { unload: fileURLToPath(new URL('./src/vendor/unload.ts', import.meta.url)) },
  },
  plugins: [
    react(),
    // Which modules landed in which chunk: bench/budget.mjs checks lazy loading with it.
    chunkMapPlugin(),
    // login.html: the sign-in form painted before the JavaScript arrives.
    prerenderSignInPlugin(),
    VitePWA({
      // The user decides when a waiting version takes over (UpdatePrompt).
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: '政务大厅驻场运营 · Hall Operations',
        short_name: '驻场运营',
        description: '政务服务大厅驻场人员的排班、考勤、培训与督导，离线可用。',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1d4ed8',
        background_color: '#f8fafc',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Deep links open offline from the precached shell...
        navigateFallback: '/index.html',
        // ...but the API is never served from or replayed by the service worker: RxDB owns retries.
        navigateFallbackDenylist: [/^\/api\//],
        // Libraries used only for optional work (spreadsheet files, charts) are not
        // precached: they are cached on first use instead (docs/adr/0003-precache.md).
        // login.html is for the server's /login only; offline, every route opens index.html.
        globIgnores: ['**/lazy-*.js', 'login.html'],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/assets/lazy-'),
            handler: 'CacheFirst',
            options: { cacheName: 'on-demand-libraries', expiration: { maxEntries: 20 } },
          },
        ],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'lazy-exceljs', test: /node_modules[\\/]exceljs[\\/]/ },
            { name: 'lazy-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
    sourcemap: false,
  },
});

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { BUILD_STAMP_FILE, clientSourceStamp } from './scripts/client-build-stamp';

// Writes .br and .gz next to each text file of the build, once, at maximum compression; the
// server sends them to browsers that accept them (first visit on a slow 4G link: ~3× fewer bytes).
function precompress(): Plugin {
  let outDir = 'dist';
  const compressible = /\.(js|css|html|svg|webmanifest|json)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'outreach-log:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of walk(outDir).filter((f) => compressible.test(f))) {
          const bytes = readFileSync(file);
          if (bytes.length < 1024) continue;
          writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
          writeFileSync(
            `${file}.br`,
            brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
        }
      },
    },
  };
}

// Records the sources this build was made from (computed before bundling starts), so `npm start`
// can rebuild a dist/ left over from before a `git pull` (src/server/client-build.ts).
function buildStamp(): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  let stamp = '';
  return {
    name: 'outreach-log:build-stamp',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      stamp = clientSourceStamp(root);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const builtAt = new Date().toISOString();
        writeFileSync(join(outDir, BUILD_STAMP_FILE), JSON.stringify({ stamp, builtAt }) + '\n');
      },
    },
  };
}

// The service worker precaches the whole app shell (every JS/CSS chunk, lazy ones included,
// HTML, icons) so the app cold-starts with no network. Updates wait for the officer: 'prompt'.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['favicon.svg', 'favicon-48x48.png', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Nhật ký truyền thông giảm nghèo',
        short_name: 'Nhật ký GN',
        description:
          'Ghi nhật ký các hoạt động truyền thông giảm nghèo (Kế hoạch 106/KH-UBND tỉnh Kiên Giang), kể cả khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d4b',
        background_color: '#f2f4f3',
        categories: ['productivity', 'government'],
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'maskable-icon-512x512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The print view's Tinos (latin + vietnamese, 400/700, ~51 kB) so it prints offline in it.
        globPatterns: [
          '**/*.{js,css,html,png,svg,ico,webmanifest}',
          'assets/tinos-{latin,vietnamese}-{400,700}-normal-*.woff2',
        ],
        // Forwards Background Sync events to open pages (public/sw-background-sync.js).
        importScripts: ['sw-background-sync.js'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: false,
      },
      devOptions: { enabled: false },
    }),
    precompress(),
    buildStamp(),
  ],
  build: { target: 'es2022', sourcemap: false, manifest: true },
  // The photo compression worker is an ES module worker (shares chunks with the app).
  worker: { format: 'es' },
});

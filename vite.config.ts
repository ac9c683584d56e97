import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: false,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: { target: 'es2022', sourcemap: false, manifest: true },
});

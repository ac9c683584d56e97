import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The PWA plugin is added by the client feature work (see src/client/pwa).
export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
});

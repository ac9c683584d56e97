import { join } from 'node:path';
import { build } from 'vite';

/**
 * Builds a lab page of bench/browser/ (photo-lab.html by default: the app's photo code, as Vite
 * builds the app) into `outDir`.
 */
export async function buildPhotoLab(outDir: string, page = 'photo-lab.html'): Promise<void> {
  const root = join(import.meta.dirname, '..', 'browser');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: join(root, page) },
    },
  });
}

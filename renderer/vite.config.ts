import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Shared by electron.vite.config.ts (desktop) and `npm run build:renderer` (web host, e2e tests). */
export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
};

export default defineConfig(rendererConfig);

import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const api = process.env.HEARTH_API_URL ?? 'http://localhost:3000';

// The built client lands in dist/web at the repository root, beside the compiled API,
// so `npm start` (and the Docker image) serve it from one place.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // The first route's JS is ~160 KB gzipped (budget 200 KB); features load on demand.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    // In development Vite serves the client and hands API, docs and socket traffic to the running API.
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/docs': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    restoreMocks: true,
  },
});

/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the console on :5173 and forwards API calls to a Redress server
// (REDRESS_API, default http://localhost:8080), so cookies stay same-origin as in production.
const apiTarget = process.env.REDRESS_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': apiTarget, '/healthz': apiTarget, '/readyz': apiTarget },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under assets/: the server caches them for a year.
    assetsDir: 'assets',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    restoreMocks: true,
    // Screen tests drive whole forms through Testing Library; on a loaded two-core machine one can
    // take several seconds, so the default 5 s limit would fail tests that are only slow.
    testTimeout: 20_000,
  },
});

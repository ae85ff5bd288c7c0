// The renderer's build: one static page, relative paths so dist/web works from
// any file server (and from Electron's file:// loader).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, serverHeaders } from './csp.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [here('..')] }, headers: serverHeaders },
  preview: { host: '127.0.0.1', port: 4173, headers: serverHeaders },
  plugins: [contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
});

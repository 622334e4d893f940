import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite` (dev) proxies the same prefixes the stack's web server does, to the stack's services.
const services = { campaign: 3001, messaging: 3002, notifications: 3003 };

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false },
  server: {
    proxy: Object.fromEntries(
      Object.entries(services).map(([name, port]) => [
        `/api/${name}`,
        {
          target: `http://127.0.0.1:${port}`,
          rewrite: (path: string) => path.slice(`/api/${name}`.length) || '/',
        },
      ]),
    ),
  },
});

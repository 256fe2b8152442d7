import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The merchant / platform / supplier console, served by the API server at /admin/.
export default defineConfig({
  root,
  base: '/admin/',
  plugins: [vue()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/admin', import.meta.url)),
    emptyOutDir: true,
    // Element Plus is registered whole: the libraries go into one vendor chunk (~1.1 MB, ~350 kB
    // gzipped) that browsers cache across releases; the views are split per route. ECharts (only
    // the dashboard's chart) is a chunk of its own, loaded with that view.
    chunkSizeWarningLimit: 1300,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
});

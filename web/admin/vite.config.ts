import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';
import { precompressed } from '../vite.compress';
import { scopedVantBase } from './vant-scope';

const root = fileURLToPath(new URL('.', import.meta.url));

// The merchant / platform / supplier console, served by the API server at /admin/.
export default defineConfig({
  root,
  base: '/admin/',
  // Element Plus components (and v-loading) imported where used, each with its stylesheet
  // Vant (the page editor's phone preview renders the storefront's blocks) styles bare elements
  // inside that preview only, never the console around it
  plugins: [scopedVantBase('.pe-phone-screen'), vue(), components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false, dirs: [] }), precompressed()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/admin', import.meta.url)),
    emptyOutDir: true,
    // Element Plus's components come with the views that use them (on demand), so a screen loads
    // only what it shows: the libraries every screen needs (Vue, the router, vue-i18n) go to
    // `framework`, cached across releases; ECharts (only the dashboard's chart) is a chunk of its
    // own, loaded with that view.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 2 },
            { name: 'framework', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});

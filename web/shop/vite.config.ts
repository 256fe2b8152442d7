import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { VantResolver } from 'unplugin-vue-components/resolvers';
import components from 'unplugin-vue-components/vite';
import { defineConfig, type Plugin } from 'vite';
import { precompressed } from '../vite.compress';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vant's icon font is inlined as woff2 with a fallback on a third-party CDN (at.alicdn.com over
 * plain http), which the server's Content-Security-Policy blocks and logs: drop the fallback.
 */
const vantIconFontInlineOnly = (): Plugin => ({
  name: 'vant-icon-font-inline-only',
  enforce: 'pre',
  transform(code, id) {
    if (!/vant[\\/].*\.css$/.test(id)) return null;
    return code.replace(/,\s*url\(\/\/at\.alicdn\.com[^)]*\)\s*format\("woff"\)/g, '');
  },
});

// The H5 storefront, served by the API server at / on every tenant host. Vant's components are
// imported where a template uses them, each with its own stylesheet (not all of Vant); the built
// files are precompressed (brotli, gzip) for the server to pick by Accept-Encoding.
export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), components({ resolvers: [VantResolver()], dts: false, dirs: [] }), vantIconFontInlineOnly(), precompressed()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/shop', import.meta.url)),
    emptyOutDir: true,
    // the libraries every page needs in one file that stays cached across releases; views are lazy routes
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'framework', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/, priority: 1 }],
        },
      },
    },
  },
});

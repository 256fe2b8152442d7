import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

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

// The H5 storefront, served by the API server at / on every tenant host.
export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), vantIconFontInlineOnly()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/shop', import.meta.url)),
    emptyOutDir: true,
  },
});

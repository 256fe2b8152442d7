import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { VantResolver } from 'unplugin-vue-components/resolvers';
import components from 'unplugin-vue-components/vite';
import { defineConfig, type Plugin } from 'vite';
import { precompressed } from '../vite.compress';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vant's icon font comes inlined in its stylesheet (25 KB of base64 woff2, which every page would
 * download before its first paint) with a fallback on a third-party CDN (at.alicdn.com over plain
 * http, which the server's Content-Security-Policy blocks). Both go: the font becomes a file of its
 * own (hashed, cached for a year), fetched only once an icon is drawn, and shown on swap.
 */
const vantIconFontAsFile = (): Plugin => {
  const fontFile = fileURLToPath(new URL('../../node_modules/.cache/vant-icon/vant-icon.woff2', import.meta.url));
  return {
    name: 'vant-icon-font-as-file',
    enforce: 'pre',
    transform(code, id) {
      if (!/vant[\\/].*\.css$/.test(id)) return null;
      const out = code.replace(/,\s*url\(\/\/at\.alicdn\.com[^)]*\)\s*format\("woff"\)/g, '');
      return out.replace(/url\(data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)\)/, (_, base64: string) => {
        mkdirSync(path.dirname(fontFile), { recursive: true });
        writeFileSync(fontFile, Buffer.from(base64, 'base64'));
        return `url(${fontFile})`;
      }).replace('font-display:auto', 'font-display:swap');
    },
  };
};

// The H5 storefront, served by the API server at / on every tenant host. Vant's components are
// imported where a template uses them, each with its own stylesheet (not all of Vant); the built
// files are precompressed (brotli, gzip) for the server to pick by Accept-Encoding.
export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), components({ resolvers: [VantResolver()], dts: false, dirs: [] }), vantIconFontAsFile(), precompressed()],
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

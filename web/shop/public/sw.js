/*
 * The storefront's service worker (served by the API server at /sw.js, `__BUILD__` replaced with
 * the storefront build it belongs to; server/src/core/static-web.ts).
 *
 * - the app shell: hashed files under /assets/ come from the cache first (their names change with
 *   their bytes); the page itself is asked of the network first and only served from the cache
 *   offline; both in a cache named after the build, so a new build drops the old one;
 * - images of this shop (/uploads/, its icons) are served from the cache at once and refreshed behind
 *   (stale-while-revalidate), at most IMAGE_LIMIT of them, the oldest dropped first;
 * - never an API answer (/api/, live updates), nothing sent with an Authorization header, nothing but
 *   GET, nothing from another origin, nothing of the console (/admin/, on the same host): those
 *   always go to the network untouched.
 */
const BUILD = '__BUILD__';
const SHELL = `shell-${BUILD}`;
const IMAGES = 'images-v1';
const IMAGE_LIMIT = 150;
const OURS = [SHELL, IMAGES];

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (!OURS.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

function neverCached(request, url) {
  return (
    request.method !== 'GET' ||
    url.origin !== self.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/admin') ||
    url.pathname.startsWith('/socket.io') ||
    url.pathname === '/sw.js' ||
    request.headers.has('authorization')
  );
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirstPage(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put('/', response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match('/');
    if (hit) return hit;
    throw err;
  }
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - IMAGE_LIMIT))) await cache.delete(key);
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(IMAGES);
  const hit = await cache.match(event.request);
  const refresh = fetch(event.request).then(async (response) => {
    if (response.ok) {
      await cache.put(event.request, response.clone());
      await trim(cache);
    }
    return response;
  });
  if (hit) {
    event.waitUntil(refresh.catch(() => undefined));
    return hit;
  }
  return refresh;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (neverCached(request, url)) return;
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request));
  if (request.mode === 'navigate') return event.respondWith(networkFirstPage(request));
  if (request.destination === 'image' || /^\/(uploads|icons)\/.+\.(png|jpe?g|gif|webp)$/i.test(url.pathname)) return event.respondWith(staleWhileRevalidate(event));
});

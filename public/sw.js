// MailSim's service worker: after one visit the page loads and plays every
// scenario with the network off (everything runs in the page; nothing is
// ever sent anywhere, so only this origin's own files are cached).
//
// The page registers it as /sw.js?assets=<the build's hashed file names>
// (index.html). A new build has new names, so the browser sees a new
// worker: it installs, caches that build under a cache named after those
// names, and on activate deletes the caches of older builds. The page
// itself (/) is fetched from the network first, so a new version is picked
// up on the next load; offline, the cached copy is used.
const assets = (new URL(self.location).searchParams.get('assets') || '')
  .split(',').filter((a) => a.startsWith('/'));
const CACHE = 'mailsim-' + (assets.join(',') || 'unversioned');
const SHELL = ['/', '/manifest.webmanifest', '/favicon.svg', '/icon-192.png', '/icon-512.png'];
// The other languages' words (the page fetches them only when chosen):
// cached at install so that a class can switch language offline, and
// fetched from the network first, as their names carry no hash.
const LOCALES = ['nl', 'zh-CN'].flatMap((l) => ['explain', 'ui', 'scenarios'].map((f) => '/locales/' + l + '/' + f + '.ftl'));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll([...SHELL, ...assets, ...LOCALES])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mailsim-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // The page: the network first (a new build shows at once), else the cache.
    event.respondWith(fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put('/', copy));
      }
      return res;
    }).catch(() => caches.match('/', { cacheName: CACHE }).then((r) => r || caches.match('/'))));
    return;
  }
  if (url.pathname.startsWith('/locales/')) {
    event.respondWith(fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(url.pathname, copy));
      }
      return res;
    }).catch(() => caches.match(url.pathname, { cacheName: CACHE }).then((r) => r || caches.match(url.pathname))));
    return;
  }
  // Hashed files never change under their name: the cache first.
  event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
});

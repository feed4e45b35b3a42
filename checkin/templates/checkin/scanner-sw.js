{% load static %}{% get_static_prefix as STATIC_PREFIX %}/*
 * The scanner's service worker (workbox): the scanner page opens and scans with no network at all.
 *
 * - The scanner page itself (this scope's root, e.g. /vi/checkin/): network first, the last copy when
 *   the network is down. Only the scanner page is kept (it says so with a header), never the login
 *   or setup page, a redirect or an error.
 * - Static files (scripts, styles, fonts, icons): from the cache at once, refreshed in the background.
 * - Nothing else is touched: scans, searches and the device API always go to the network (the page
 *   keeps its offline data in IndexedDB, not here).
 * The page asks the worker to cache what it has already loaded (CACHE_URLS), so the first visit is
 * enough to work offline.
 */
importScripts("{% static 'vendor/workbox/workbox-sw.js' %}");

const MODULES = {
  "workbox-core": "{% static 'vendor/workbox/workbox-core.prod.js' %}",
  "workbox-routing": "{% static 'vendor/workbox/workbox-routing.prod.js' %}",
  "workbox-strategies": "{% static 'vendor/workbox/workbox-strategies.prod.js' %}",
};
// Local copies, never the CDN workbox-sw defaults to (the venue has no internet to spare).
workbox.setConfig({ debug: false, modulePathCb: (name) => MODULES[name] });

const SCANNER_PATH = new URL("./", self.location.href).pathname;
const STATIC_PREFIX = new URL("{{ STATIC_PREFIX|escapejs }}", self.location.href).pathname;
const SCANNER_HEADER = "X-Checkin-Scanner";

const keepOnlyTheScanner = {
  cacheWillUpdate: async ({ response }) =>
    response && response.status === 200 && response.type === "basic" && response.headers.has(SCANNER_HEADER)
      ? response
      : null,
  // The page's query (?q=…) does not make another copy: one scanner page per scope.
  cacheKeyWillBeUsed: async ({ request }) => new URL(request.url).origin + SCANNER_PATH,
};
const keepGoodResponses = {
  cacheWillUpdate: async ({ response }) => (response && response.status === 200 ? response : null),
};

const router = new workbox.routing.Router();
router.registerRoute(
  new workbox.routing.Route(
    ({ url, sameOrigin }) => sameOrigin && url.pathname === SCANNER_PATH,
    new workbox.strategies.NetworkFirst({
      cacheName: "checkin-scanner-page",
      networkTimeoutSeconds: 5,
      plugins: [keepOnlyTheScanner],
      // The page varies on Cookie; a new CSRF or session cookie must not hide the copy offline.
      matchOptions: { ignoreVary: true },
    })
  )
);
router.registerRoute(
  new workbox.routing.Route(
    ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith(STATIC_PREFIX),
    new workbox.strategies.StaleWhileRevalidate({ cacheName: "checkin-static", plugins: [keepGoodResponses] })
  )
);
router.addFetchListener();
router.addCacheListener();

self.addEventListener("install", () => self.skipWaiting());
workbox.core.clientsClaim();

// Logging out: the page asks the worker to forget the scanner page (it names the gate and the list).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "FORGET_PAGE") {
    event.waitUntil(caches.delete("checkin-scanner-page"));
  }
});

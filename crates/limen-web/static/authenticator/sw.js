// The authenticator's service worker (W3C Service Workers): keeps the app's files so that the
// app opens without a network — the offline QR-code mode needs nothing else — and wakes the
// app on a Web Push message (docs/MOBILE-PROTOCOL.md §7). The server fills in VERSION, a digest
// of every file of the app: a new server version is a new worker, which replaces the old cache.
// Device API requests (/device/v1/…) are never touched: they go to the network.

const VERSION = "__VERSION__";
const CACHE = `limen-authenticator-${VERSION}`;
const PRECACHE = [
  "./",
  "app.css",
  "app.js",
  "protocol.js",
  "i18n.js",
  "texts.json",
  "store.js",
  "qr.js",
  "manifest.webmanifest",
  "icon.svg",
  "icon-192.png",
  "icon-512.png",
  "vendor/argon2.umd.min.js",
  "vendor/jsQR.min.js",
  "vendor/LICENSE-hash-wasm.txt",
  "vendor/LICENSE-jsQR.txt",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the HTTP cache, so the cache holds this version's files.
      await cache.addAll(PRECACHE.map((u) => new Request(u, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("limen-authenticator-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  // The app's own files: from the cache (the query and fragment play no part), else the
  // network; the shell for any other path in the scope.
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(url.pathname === scope.pathname ? "./" : event.request, {
        ignoreSearch: true,
      });
      if (hit) return hit;
      try {
        return await fetch(event.request);
      } catch (e) {
        const shell = await cache.match("./");
        if (shell && event.request.mode === "navigate") return shell;
        throw e;
      }
    })(),
  );
});

// Web Push (RFC 8030; the message carries {"v":1,"type":"challenge"} and nothing personal):
// show a notification; the app fetches the request itself over the signed API when opened.
const WAKE = {
  en: ["Sign-in request", "Open the authenticator to review it."],
  fr: ["Demande de connexion", "Ouvrez l’authentificateur pour l’examiner."],
};

self.addEventListener("push", (event) => {
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window" });
      for (const w of windows) w.postMessage({ type: "check" });
      const lang = (self.navigator.language || "en").slice(0, 2);
      const [title, body] = WAKE[lang] || WAKE.en;
      await self.registration.showNotification(title, {
        body,
        tag: "limen-challenge",
        renotify: true,
        icon: "icon-192.png",
      });
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const w of windows) {
        if (new URL(w.url).pathname.startsWith(new URL(self.registration.scope).pathname)) {
          w.postMessage({ type: "check" });
          return w.focus();
        }
      }
      return self.clients.openWindow(self.registration.scope);
    })(),
  );
});

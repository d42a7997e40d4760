// techx service worker.
// - /pkg/ assets have content-hashed names: cache first, they never change.
// - Pages: network first, so people see live prices; the last good copy, or the offline page,
//   when the network is gone. Only public pages are kept (a page the server marks private or
//   no-store — anything made for a logged-in member — never is), at most MAX_PAGES of them, the
//   oldest dropped first; logging out empties the page cache.
// - Never cached: server functions (/api/), live streams, the language switch, health checks.
// - Pushes (app/src/push.rs: JSON { title, body, url, tag }) are shown as notifications; a click
//   focuses a tab already on their page or opens it. Logging out unsubscribes this browser.
// v2: v1 kept every page opened, members' conversations included; activating v2 deletes it.
const VERSION = "v2";
const MAX_PAGES = 50;
const PKG_CACHE = `techx-pkg-${VERSION}`;
const PAGE_CACHE = `techx-pages-${VERSION}`;
const STATIC_CACHE = `techx-static-${VERSION}`;
const OFFLINE_URL = "/offline";
const PRECACHE = [OFFLINE_URL, "/manifest.webmanifest", "/icons/favicon.svg", "/icons/icon-192.png"];
const NEVER_CACHE = [/^\/api\//, /^\/live\//, /^\/lang\//, /^\/healthz$/, /^\/sw\.js$/];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const keep = new Set([PKG_CACHE, PAGE_CACHE, STATIC_CACHE]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("techx-") && !keep.has(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/api/log_out") {
    // Whatever the answer, nothing of the member's session stays readable offline, and this
    // browser hears no more pushes (the server forgets its subscription with the session).
    event.waitUntil(Promise.all([
      caches.delete(PAGE_CACHE),
      self.registration.pushManager && self.registration.pushManager.getSubscription()
        .then((subscription) => subscription && subscription.unsubscribe()).catch(() => {}),
    ]));
    return;
  }
  if (request.method !== "GET") return;
  if (NEVER_CACHE.some((re) => re.test(url.pathname))) return;
  if ((request.headers.get("accept") || "").includes("text/event-stream")) return;

  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request));
  } else {
    event.respondWith(networkFallingBackToCache(request, STATIC_CACHE));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(PKG_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

/** Whether a page may be kept for offline reading: public, and not marked otherwise. */
function keepable(response) {
  const control = (response.headers.get("cache-control") || "").toLowerCase();
  return response.ok && response.type === "basic" && !/no-store|private/.test(control);
}

async function networkFirstPage(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response)) {
      await cache.put(request, response.clone());
      const kept = await cache.keys();
      await Promise.all(kept.slice(0, Math.max(0, kept.length - MAX_PAGES)).map((old) => cache.delete(old)));
    } else {
      await cache.delete(request);
    }
    return response;
  } catch (_offline) {
    return (await cache.match(request)) || (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function networkFallingBackToCache(request, cacheName) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(request, response.clone());
    return response;
  } catch (_offline) {
    return (await caches.match(request)) || Response.error();
  }
}

/** The page a push leads to, on this site only. */
function pushTarget(url) {
  try {
    const target = new URL(url || "/", self.location.origin);
    return target.origin === self.location.origin ? target.href : self.location.origin + "/";
  } catch (_) {
    return self.location.origin + "/";
  }
}

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (_) {
    message = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || "Sàn Giao dịch Công nghệ", {
      body: message.body || "",
      // A newer push about the same auction or conversation replaces the older one.
      tag: message.tag || "",
      renotify: Boolean(message.tag),
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url: pushTarget(message.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = pushTarget(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url && "focus" in client);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});

// The push service replaced this browser's subscription: hand the new one to the server (the
// browser sends the session cookie with it; logged out, the server refuses it).
self.addEventListener("pushsubscriptionchange", (event) => {
  const options = event.oldSubscription ? event.oldSubscription.options : null;
  if (!options) return;
  event.waitUntil(
    self.registration.pushManager.subscribe(options).then((subscription) => {
      const json = subscription.toJSON();
      return fetch("/api/push_subscribe", {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams({ endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth }),
      });
    }).catch(() => {}),
  );
});

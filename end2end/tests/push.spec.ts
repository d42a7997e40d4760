import { expect, type Page, test } from "@playwright/test";
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { servers, type ProjectName } from "../playwright.config";
import { logIn, sqlScalar, sqlText } from "./helpers";

// Headless Chromium has no push service to subscribe at (it would be Google's, offline here), so
// the browser's PushManager is given a subscription at a push service of this test's own, with
// keys made here: the server encrypts to them, the test decrypts what arrives (RFC 8291) and hands
// it to the service worker as the push service would (CDP ServiceWorker.deliverPushMessage).

/** The push service's port: the server under test accepts it (serve-for-tests.sh). */
function pushPort(): number {
  return servers[test.info().project.name as ProjectName].port + 100;
}

type Received = { url: string; headers: IncomingMessage["headers"]; body: Buffer };

/** A push service answering 201 and keeping what it is sent. */
async function pushService(): Promise<{ server: Server; next: () => Promise<Received> }> {
  const queue: Received[] = [];
  const waiting: ((r: Received) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const got = { url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      const wake = waiting.shift();
      if (wake) wake(got);
      else queue.push(got);
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(pushPort(), "127.0.0.1", resolve));
  const next = () =>
    new Promise<Received>((resolve, reject) => {
      const got = queue.shift();
      if (got) return resolve(got);
      const timer = setTimeout(() => reject(new Error("no push arrived within 20 s")), 20_000);
      waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  return { server, next };
}

/** Decrypts an `aes128gcm` push body (RFC 8188 + RFC 8291) with the device's keys. */
function decrypt(body: Buffer, device: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20];
  const serverKey = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const shared = device.computeSecret(serverKey);
  const info = Buffer.concat([Buffer.from("WebPush: info\0"), device.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, auth, info, 32));
  const key = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The record ends with the padding delimiter 2 and zeros.
  return plain.subarray(0, plain.lastIndexOf(2)).toString("utf8");
}

/** Gives the page's PushManager a subscription at `endpoint` with the device's keys; it lasts
 * across page loads (localStorage), and remembers the server key it was asked to use. */
async function fakePushManager(page: Page, endpoint: string, p256dh: string, auth: string) {
  await page.addInitScript(
    ([endpoint, p256dh, auth]) => {
      // A PushSubscription as far as the page can tell (`instanceof` included).
      const make = () =>
        Object.create(PushSubscription.prototype, {
          endpoint: { value: endpoint },
          options: { value: { userVisibleOnly: true } },
          toJSON: { value: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }) },
          unsubscribe: {
            value: async () => {
              localStorage.removeItem("fake-push");
              return true;
            },
          },
        });
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        localStorage.setItem("fake-push", String(options?.applicationServerKey ?? ""));
        return make() as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        return (localStorage.getItem("fake-push") === null ? null : make()) as unknown as PushSubscription;
      };
    },
    [endpoint, p256dh, auth],
  );
}

test("a member turns on notifications and their phone shows a new alert", async ({ page, context, baseURL }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "subscribing is done by script");
  const { server, next } = await pushService();
  try {
    const device = createECDH("prime256v1");
    device.generateKeys();
    const auth = randomBytes(16);
    const endpoint = `http://127.0.0.1:${pushPort()}/device/${Date.now()}`;
    await context.grantPermissions(["notifications"], { origin: baseURL });
    await fakePushManager(page, endpoint, device.getPublicKey("base64url"), auth.toString("base64url"));

    await logIn(page, "an@techx.demo", "techx-member-demo");
    await page.goto("/account/alerts#push");
    const toggle = page.getByTestId("push-switch");
    await expect(toggle).toHaveAttribute("data-state", "off");
    await toggle.getByTestId("push-toggle").click();
    await expect(toggle).toHaveAttribute("data-state", "on");
    await expect(toggle.locator(".push-state")).toHaveText("Thiết bị này đang nhận thông báo.");
    expect(sqlScalar(`SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = '${endpoint}'`)).toBe(1);
    // Subscribed with the server's key, and listed as this browser's device.
    const serverKey = await page.evaluate(() => localStorage.getItem("fake-push"));
    expect(serverKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    await page.reload();
    await expect(page.getByTestId("push-switch")).toHaveAttribute("data-state", "on");
    await expect(page.getByTestId("push-device").filter({ hasText: "thiết bị này" })).toHaveCount(1);

    // A new listing for one of An's saved searches.
    const title = `Máy bơm chìm ${Date.now()}`;
    sqlText(
      `INSERT INTO notifications (user_id, kind, listing_id, title, detail, created_at)
       SELECT u.id, 'alert', (SELECT MIN(id) FROM listings WHERE status = 'published'), '${title}', 'Máy bơm',
              ${Date.now()} FROM users u WHERE u.email = 'an@techx.demo'`,
    );
    const push = await next();
    expect(push.url).toBe(new URL(endpoint).pathname);
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers["authorization"]).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${serverKey}$`));
    const message = JSON.parse(decrypt(push.body, device, auth));
    expect(message.title).toBe(title);
    expect(message.body).toBe("Tin mới phù hợp với tìm kiếm “Máy bơm”");
    expect(message.url).toMatch(/^\/listings\//);

    // The push service hands it to the browser: the service worker shows it.
    const cdp = await context.newCDPSession(page);
    const registration = new Promise<string>((resolve) =>
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL === `${baseURL}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      }),
    );
    await cdp.send("ServiceWorker.enable");
    const registrationId = await registration;
    // Delivered again if the worker was not ready for the first (it may still be activating).
    await expect(async () => {
      await cdp.send("ServiceWorker.deliverPushMessage", { origin: baseURL!, registrationId, data: JSON.stringify(message) });
      await expect
        .poll(
          () =>
            page.evaluate(async () =>
              (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [n.title, n.body, n.data?.url]),
            ),
          { timeout: 3_000 },
        )
        .toContainEqual([title, message.body, `${baseURL}${message.url}`]);
    }).toPass({ timeout: 20_000 });

    // Off again: the browser unsubscribes and the server forgets the device.
    await page.getByTestId("push-toggle").click();
    await expect(page.getByTestId("push-switch")).toHaveAttribute("data-state", "off");
    expect(sqlScalar(`SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = '${endpoint}'`)).toBe(0);
  } finally {
    server.close();
  }
});

test("without JavaScript the devices are listed and removable", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "no-js", "the plain page");
  await logIn(page, "binh@techx.demo", "techx-stall-demo");
  const endpoint = `https://fcm.googleapis.com/fcm/send/e2e-${Date.now()}`;
  sqlText(
    `INSERT INTO push_subscriptions (user_id, session_hash, endpoint, p256dh, auth, device, created_at)
     SELECT s.user_id, s.token_hash, '${endpoint}', 'key', 'secret', 'Chrome · Android', ${Date.now()}
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE u.email = 'binh@techx.demo' AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1`,
  );
  await page.goto("/account/alerts");
  await expect(page.getByTestId("push-switch")).toContainText("cần JavaScript");
  const row = page.getByTestId("push-device").filter({ hasText: "Chrome · Android" });
  await expect(row).toContainText("thiết bị này");
  await row.getByRole("button", { name: "Gỡ" }).click();
  await expect(page.getByRole("status").first()).toContainText("Đã tắt thông báo");
  expect(sqlScalar(`SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = '${endpoint}'`)).toBe(0);
});

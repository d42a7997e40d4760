import { chromium, expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromiumArgs, chromiumPath, servers } from "../playwright.config";
import { databaseUrl } from "./helpers";

test("the web app manifest makes the site installable", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const manifest = await (await request.get(href!)).json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toMatch(/^\//);
  expect(manifest.short_name).toBe("techx");
  const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes}/${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192/any", "512x512/any", "512x512/maskable"]));
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).status()).toBe(200);
  }
});

test("Chromium registers the service worker and reports no installability errors", async ({ baseURL }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "service workers are registered by script");
  // Installability is not evaluated in incognito contexts, so use a real profile.
  const profile = mkdtempSync(path.join(tmpdir(), "techx-pwa-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await context.newPage();
    await page.goto(baseURL + "/");
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(baseURL + "/");
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

/** A server of our own on a port of this project's (`offset` apart), so stopping it does not
 * disturb the other tests; resolves once it answers. */
async function ownServer(offset: number) {
  const root = path.resolve(__dirname, "../..");
  const port = 3190 + offset + Object.keys(servers).indexOf(test.info().project.name);
  const server = spawn(
    path.resolve(root, process.env.TECHX_BIN ?? "target/release/techx"),
    ["serve", "--bind", `127.0.0.1:${port}`, "--site-root", "target/site", "--database-url", databaseUrl()],
    { cwd: root, stdio: "ignore" },
  );
  const origin = `http://127.0.0.1:${port}`;
  await expect.poll(async () => (await fetch(origin + "/healthz").catch(() => null))?.status, { timeout: 15_000 }).toBe(200);
  const stop = async () => {
    server.kill("SIGTERM");
    await expect.poll(async () => (await fetch(origin + "/healthz").catch(() => null))?.status ?? "gone").toBe("gone");
  };
  return { origin, stop, kill: () => server.kill("SIGKILL") };
}

/** Waits until the service worker controls `page`. */
async function underWorker(page: import("@playwright/test").Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

test("after a first visit the offline page appears when the server is gone", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "the offline fallback is the service worker's, which needs script");
  const { origin, stop, kill } = await ownServer(0);
  try {
    await page.goto(origin + "/");
    await underWorker(page);
    // Visit once under the worker's control, so this page is in its cache.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nơi công nghệ gặp người cần");
    await stop();

    await page.goto(origin + "/offers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bạn đang ngoại tuyến");
    // A page seen before still opens from the cache.
    await page.goto(origin + "/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nơi công nghệ gặp người cần");
  } finally {
    kill();
  }
});

test("after logging out on a shared phone, a conversation is not readable offline", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "the page cache is the service worker's, which needs script");
  const { origin, stop, kill } = await ownServer(10);
  try {
    await page.goto(origin + "/");
    await underWorker(page);
    await page.goto(origin + "/login");
    await page.getByLabel("Email").fill("an@techx.demo");
    await page.getByLabel("Mật khẩu").fill("techx-member-demo");
    await page.getByRole("button", { name: "Đăng nhập" }).last().click();
    await expect(page.getByTestId("account-name")).toBeVisible();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await page.goto(origin + "/account/inquiries");
    await page.getByTestId("inbox-line").first().getByRole("link").click();
    await expect(page).toHaveURL(/\/account\/inquiries\/\d+$/);
    const conversation = page.url();
    const said = (await page.getByTestId("message").first().locator(".message-body").textContent())!.trim();
    expect(said.length).toBeGreaterThan(0);
    // The server marked it private, so the worker did not keep it, nor any page made for her.
    const kept = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names.filter((n) => n.startsWith("techx-pages-"))) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(kept.filter((u) => u.startsWith("/account"))).toEqual([]);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();
    await stop();

    await page.goto(conversation);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bạn đang ngoại tuyến");
    await expect(page.getByText(said)).toHaveCount(0);
  } finally {
    kill();
  }
});

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

test("after a first visit the offline page appears when the server is gone", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "the offline fallback is the service worker's, which needs script");
  // A server of our own, so stopping it does not disturb the other tests.
  const root = path.resolve(__dirname, "../..");
  const port = 3190 + Object.keys(servers).indexOf(testInfo.project.name);
  const server = spawn(
    path.resolve(root, process.env.TECHX_BIN ?? "target/release/techx"),
    ["serve", "--bind", `127.0.0.1:${port}`, "--site-root", "target/site", "--database-url", databaseUrl()],
    { cwd: root, stdio: "ignore" },
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await expect.poll(async () => (await fetch(origin + "/healthz").catch(() => null))?.status, { timeout: 15_000 }).toBe(200);
    await page.goto(origin + "/");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
      }
    });
    // Visit once under the worker's control, so this page is in its cache.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nơi công nghệ gặp người cần");
    server.kill("SIGTERM");
    await expect.poll(async () => (await fetch(origin + "/healthz").catch(() => null))?.status ?? "gone").toBe("gone");

    await page.goto(origin + "/offers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bạn đang ngoại tuyến");
    // A page seen before still opens from the cache.
    await page.goto(origin + "/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nơi công nghệ gặp người cần");
  } finally {
    server.kill("SIGKILL");
  }
});

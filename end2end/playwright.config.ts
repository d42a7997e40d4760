import { defineConfig } from "@playwright/test";
import { execSync } from "node:child_process";

/** Debian's Chromium: Playwright never downloads a browser here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? execSync("command -v chromium").toString().trim();
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1, // tests share one database; some change it
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    locale: "vi-VN",
    trace: "off",
  },
  projects: [
    { name: "no-js", use: { javaScriptEnabled: false } },
    { name: "js", use: { javaScriptEnabled: true } },
  ],
  webServer: {
    // A fresh, seeded SQLite database for every run; home figures uncached so tests see changes
    // (pages kept for visitors are, as in production: changes behind the server's back show within 5 s).
    command: "bash ./serve-for-tests.sh",
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { E2E_PORT: String(port) },
  },
});

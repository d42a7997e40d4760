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

/**
 * Each project has a server and a database of its own, so `scripts/test.sh` can run the three
 * side by side (one Playwright process each, `E2E_PROJECT=name`): JavaScript off and on against
 * SQLite, and the marketplace, auction and live-update specs with JavaScript against PostgreSQL.
 */
export const servers = {
  "no-js": { port: 3100, engine: "sqlite" },
  js: { port: 3101, engine: "sqlite" },
  postgres: { port: 3102, engine: "postgres" },
} as const;
export type ProjectName = keyof typeof servers;

const only = process.env.E2E_PROJECT as ProjectName | undefined;
const url = (name: ProjectName) => `http://127.0.0.1:${servers[name].port}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1, // a project's tests share its database; some change it
  retries: 0,
  reporter: [["list"]],
  use: {
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    locale: "vi-VN",
    trace: "off",
  },
  projects: [
    { name: "no-js", use: { baseURL: url("no-js"), javaScriptEnabled: false } },
    { name: "js", use: { baseURL: url("js"), javaScriptEnabled: true } },
    {
      name: "postgres",
      use: { baseURL: url("postgres"), javaScriptEnabled: true },
      testMatch: [
        "marketplace.spec.ts",
        "auctions.spec.ts",
        "auction-setup.spec.ts",
        "walk.spec.ts",
        "hydration.spec.ts",
        "alerts.spec.ts",
        "introductions.spec.ts",
        "push.spec.ts",
        "news.spec.ts",
        "videos.spec.ts",
        "events.spec.ts",
        "tickets.spec.ts",
        "booths.spec.ts",
        "statistics.spec.ts",
        "startups.spec.ts",
        "innovation.spec.ts",
      ],
    },
  ],
  // A fresh, seeded database for every run; home figures uncached so tests see changes (pages
  // kept for visitors are, as in production: changes behind the server's back show within 5 s).
  webServer: (only ? [only] : (Object.keys(servers) as ProjectName[])).map((name) => ({
    command: `bash ./serve-for-tests.sh ${name} ${servers[name].port} ${servers[name].engine}`,
    url: `${url(name)}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  })),
});

// Moving between pages on a phone: Chromium with Lighthouse's mobile throttling applied for real
// (150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower), a 390 px screen, a visitor
// who opens the home page and then follows links — the stall directory, a stall, one of its offers,
// the offers — and goes back twice. Prints, per move, the median time from the click (or Back) until
// the destination's heading is on screen and the page has stopped loading. Asserts nothing.
//   node bench/navigation.mjs BASE-URL        NAVIGATION_RUNS=5
import { chromium } from "../end2end/node_modules/@playwright/test/index.mjs";
import { execSync } from "node:child_process";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const runs = Number(process.env.NAVIGATION_RUNS ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? execSync("command -v chromium").toString().trim(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

/** The moves: a click on the link `link` finds, or Back; then the heading the destination shows. */
const moves = [
  { name: "home → stalls (see all)", link: (p) => p.locator(".section-header a[href='/stalls']"), heading: /Gian hàng/ },
  { name: "stalls → a stall (card)", link: (p) => p.locator(".stall-card .card-link").first(), heading: /./ },
  { name: "stall → one of its offers (card)", link: (p) => p.locator(".listing-card .card-link").first(), heading: /./ },
  { name: "listing → offers (breadcrumb)", link: (p) => p.locator(".breadcrumb a[href='/offers']"), heading: /Chào bán/ },
  { name: "offers → listing (Back)", back: true, heading: /./ },
  { name: "listing → stall (Back)", back: true, heading: /./ },
];

const times = moves.map(() => []);
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: "vi-VN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(base + "/", { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  for (const [n, move] of moves.entries()) {
    const from = page.url();
    const started = Date.now();
    if (move.back) await page.goBack({ waitUntil: "commit" });
    else await move.link(page).click();
    await page.waitForURL((url) => url.toString() !== from);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: move.heading }).first().waitFor();
    await page.waitForLoadState("load");
    times[n].push(Date.now() - started);
    await page.waitForLoadState("networkidle");
  }
  await context.close();
}
await browser.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`Moving between pages, phone profile, median of ${runs} runs, ${base}`);
console.log("| move | click to page shown |");
console.log("|---|---|");
for (const [n, move] of moves.entries()) console.log(`| ${move.name} | ${median(times[n])} ms |`);
console.log(`| all six | ${times.reduce((sum, t) => sum + median(t), 0)} ms |`);

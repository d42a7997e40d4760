// Takes phone and desktop screenshots of a running techx, for looking at the design:
//   node screenshots.mjs [base-url] [out-dir]
// PAGES=/a,/b picks the pages; SESSION=<token> looks at them as a logged-in member.
import { chromium } from "@playwright/test";
import { execSync } from "node:child_process";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = process.argv[3] ?? "/tmp/techx-shots";
const pages = process.env.PAGES ? process.env.PAGES.split(",") : ["/", "/offers", "/stalls", "/auctions", "/search?q=may+say", "/khong-co", "/login", "/register"];
const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } };

const browser = await chromium.launch({
  executablePath: execSync("command -v chromium").toString().trim(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
execSync(`mkdir -p ${out}`);
for (const [name, viewport] of Object.entries(viewports)) {
  const context = await browser.newContext({ viewport });
  if (process.env.SESSION) {
    await context.addCookies([{ name: "techx_session", value: process.env.SESSION, url: base }]);
  }
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && console.log(`[${name}] console: ${m.text()}`));
  for (const path of pages) {
    await page.goto(base + path, { waitUntil: process.env.WAIT ?? "networkidle" });
    const file = `${out}/${name}${path.replace(/[^a-z0-9]+/gi, "_")}.png`;
    await page.screenshot({ path: file, fullPage: path === "/" || process.env.FULL === "1" });
    console.log(file);
  }
  await context.close();
}
await browser.close();

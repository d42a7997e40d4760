// Lighthouse, mobile profile with its default settings (simulated slow 4G, 4x slower CPU), on
// the pages a first visitor opens; prints one table row per page. Asserts nothing.
//   node bench/lighthouse.mjs BASE-URL PATH... (bench/lighthouse.sh picks the paths)
// SESSION=<techx_session cookie> measures the pages as that member sees them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [base, ...paths] = process.argv.slice(2);
const lighthouse = path.resolve(import.meta.dirname, "../.tools/lighthouse/node_modules/.bin/lighthouse");
const chrome = process.env.CHROME_PATH ?? execFileSync("sh", ["-c", "command -v chromium"]).toString().trim();
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const flags = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
].join(" ");

/** One Lighthouse run on `url`: the figures the table shows. */
function measure(url) {
  const dir = mkdtempSync(path.join(tmpdir(), "lighthouse-"));
  const out = path.join(dir, "report.json");
  try {
    execFileSync(lighthouse, [url, "--quiet", "--output=json", `--output-path=${out}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      ...(process.env.SESSION ? [`--extra-headers=${JSON.stringify({ Cookie: `techx_session=${process.env.SESSION}` })}`] : []),
      `--chrome-flags=${flags}`], { env: { ...process.env, CHROME_PATH: chrome }, stdio: ["ignore", "ignore", "inherit"] });
    const report = JSON.parse(readFileSync(out, "utf8"));
    const audit = (id) => report.audits[id];
    const failed = (category) => report.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && audit(ref.id).score !== null && audit(ref.id).score < 1)
      .map((ref) => ref.id);
    return {
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
      bestPractices: Math.round(report.categories["best-practices"].score * 100),
      seo: Math.round(report.categories.seo.score * 100),
      lcp: audit("largest-contentful-paint").numericValue,
      tbt: audit("total-blocking-time").numericValue,
      cls: audit("cumulative-layout-shift").numericValue,
      requests: audit("network-requests").details.items.length,
      bytes: audit("total-byte-weight").numericValue,
      misses: [...failed("accessibility"), ...failed("best-practices"), ...failed("seo")],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`Lighthouse mobile (default settings), median of ${runs} runs per page, ${base}`);
console.log("| page | performance | accessibility | best practices | SEO | LCP | TBT | CLS | requests | transferred |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const page of paths) {
  const results = Array.from({ length: runs }, () => measure(base + page));
  const m = (key) => median(results.map((r) => r[key]));
  console.log(`| \`${page}\` | ${m("performance")} | ${m("accessibility")} | ${m("bestPractices")} | ${m("seo")} | ` +
    `${(m("lcp") / 1000).toFixed(1)} s | ${Math.round(m("tbt"))} ms | ${m("cls").toFixed(3)} | ${m("requests")} | ` +
    `${(m("bytes") / 1024).toFixed(0)} KiB |`);
  const misses = [...new Set(results.flatMap((r) => r.misses))];
  if (misses.length) console.log(`|   | audits missed: ${misses.join(", ")} |||||||||`);
}

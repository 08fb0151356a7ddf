// The client's figures for issue notes: what a first visit downloads
// (wasm + js + css, as transferred) and Lighthouse's mobile scores, for
// each page type, on one or more servers side by side.
// Usage: node bench/client.mjs label=http://127.0.0.1:PORT [label=URL ...]
// Lighthouse runs three times a page; the table shows the medians.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/support.js";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const lighthouse = path.resolve(here, "../../.tools/node_modules/.bin/lighthouse");
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PAGES = [
  ["home", "/"],
  ["matters", "/matters"],
  ["a matter", "/matters/1"],
  ["consultation", "/deliberations/2"],
  ["project", "/projects/1"],
];
const servers = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf("=");
  return { label: arg.slice(0, at), url: arg.slice(at + 1) };
});
if (servers.length === 0) {
  console.error("usage: node bench/client.mjs label=URL [label=URL ...]");
  process.exit(2);
}

/** Bytes of wasm, js and css a first visit transfers (encoded, as sent). */
async function firstLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const sizes = [];
  page.on("requestfinished", (request) => {
    if (/\.(wasm|js|css)(\?|$)/.test(request.url())) {
      sizes.push(request.sizes().then((s) => s.responseBodySize));
    }
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return total;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function scores(url) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await run(
      lighthouse,
      [
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run",
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? "/usr/bin/chromium" }, maxBuffer: 64 << 20 },
    );
    const report = JSON.parse(stdout);
    const c = report.categories;
    runs.push({
      perf: Math.round(c.performance.score * 100),
      a11y: Math.round(c.accessibility.score * 100),
      bp: Math.round(c["best-practices"].score * 100),
      seo: Math.round(c.seo.score * 100),
      tti: report.audits.interactive.numericValue / 1000,
      failing: Object.values(report.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === "binary")
        .map((a) => a.id),
    });
  }
  const pick = (k) => median(runs.map((r) => r[k]));
  return {
    perf: pick("perf"),
    a11y: pick("a11y"),
    bp: pick("bp"),
    seo: pick("seo"),
    tti: pick("tti"),
    failing: [...new Set(runs.flatMap((r) => r.failing))],
  };
}

const browser = await launch();
const rows = [];
for (const [name, p] of PAGES) {
  for (const s of servers) {
    const kb = (await firstLoad(browser, s.url + p)) / 1024;
    const lh = await scores(s.url + p);
    rows.push({ page: name, build: s.label, kb, ...lh });
    console.error(`measured ${name} on ${s.label}`);
  }
}
await browser.close();

const pad = (v, n) => String(v).padStart(n);
console.log(
  `${"page".padEnd(14)}${"build".padEnd(9)}${pad("first load KB", 14)}${pad("perf", 6)}${pad("a11y", 6)}${pad("bp", 5)}${pad("seo", 5)}${pad("TTI s", 7)}  failing audits`,
);
for (const r of rows) {
  console.log(
    `${r.page.padEnd(14)}${r.build.padEnd(9)}${pad(r.kb.toFixed(1), 14)}${pad(r.perf, 6)}${pad(r.a11y, 6)}${pad(r.bp, 5)}${pad(r.seo, 5)}${pad(r.tti.toFixed(1), 7)}  ${r.failing.join(", ")}`,
  );
}

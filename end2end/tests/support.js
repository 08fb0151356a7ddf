// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), against the server that
// scripts/e2e.sh started from the release build.
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

export const BASE_URL = process.env.LINLI_E2E_URL ?? "http://127.0.0.1:3000";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh page that records console errors and failed requests. */
export async function openPage(browser, { lang, viewport } = {}) {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1280, height: 900 },
    locale: "zh-CN",
  });
  if (lang) {
    await context.addCookies([{ name: "linli_lang", value: lang, url: BASE_URL }]);
  }
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  // A navigation aborts what the page was still loading; that is no fault.
  page.on("requestfailed", (req) => {
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()}`);
  });
  return { context, page, problems };
}

/**
 * Resolves once the page is interactive: at once for a page without
 * islands (it loads no script at all), else once the WebAssembly client
 * has woken every island.
 */
export async function hydrated(page) {
  await page.waitForFunction(
    () =>
      document.readyState !== "loading" &&
      (document.querySelector("leptos-island") === null || document.documentElement.dataset.hydrated === "true"),
    null,
    { timeout: 20_000 },
  );
}

/** WCAG 2.1 A and AA violations on the page, as readable lines. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** Signs in through the form (Chinese labels) and waits for the account page. */
export async function signIn(page, login, password = "linli-demo-2026") {
  await page.goto(BASE_URL + "/sign-in");
  await page.getByLabel("手机号或邮箱").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/account/);
}

/**
 * Opens the demo deliberation with this title from the list; `plain` for
 * a page without JavaScript (nothing to wait for).
 */
export async function openDeliberation(page, title, { plain = false } = {}) {
  await page.goto(BASE_URL + "/deliberations");
  if (!plain) await hydrated(page);
  await page.getByRole("link", { name: title }).first().click();
  await page.waitForURL(/\/deliberations\/\d+$/);
  if (!plain) await hydrated(page);
}

// Every page type, after it has hydrated, at phone and desktop width:
// every header link, list tab and pager link is clicked (so the client
// navigates and calls server functions, as people do) and the page that
// arrives must show no error and log none. Pages opened by URL alone
// never caught a header link that failed once the client had loaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, signIn } from "./support.js";

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

let browser;
let pages;

/** The first link on `path` whose address matches `pattern`. */
async function firstLink(page, path, pattern) {
  await page.goto(BASE_URL + path);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const found = hrefs.find((h) => pattern.test(h));
  assert.ok(found, `a link matching ${pattern} on ${path}`);
  return found;
}

before(async () => {
  browser = await launch();
  const { context, page } = await openPage(browser);
  const community = await firstLink(page, "/communities", /^\/communities\/\d{17}$/);
  pages = [
    "/",
    "/communities",
    community,
    `${community}/items`,
    "/matters",
    await firstLink(page, "/matters", /^\/matters\/\d+$/),
    `/matters/stats?place=${community.split("/")[2]}`,
    `/accountability?place=${community.split("/")[2].slice(0, 6)}`,
    `/standards?place=${community.split("/")[2].slice(0, 9)}`,
    "/open-data",
    "/deliberations",
    await firstLink(page, "/deliberations", /^\/deliberations\/\d+$/),
    "/deliberations/calendar",
    "/projects",
    await firstLink(page, "/projects", /^\/projects\/\d+$/),
    "/needs",
    "/resources",
    "/responsibilities",
    "/organisations",
    "/api",
  ];
  await context.close();
});

after(async () => {
  await browser?.close();
});

/** What a page shows when it failed: an error notice, or nothing at all. */
async function assertFine(page, problems, what) {
  await page.locator("main h1").first().waitFor({ timeout: 15_000 });
  assert.equal(await page.locator(".notice-error").count(), 0, `${what}: shows an error`);
  assert.deepEqual(problems, [], `${what}: console or request errors`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: ${overflow}px wider than the screen`);
}

/** The links to follow from a page: the header's, the tabs' and the pager's. */
async function linksOf(page) {
  return page
    .locator(".site-nav a, .account-nav a, .list-tabs a, .pager a")
    .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")))]);
}

/** Clicks the link to `href`, opening the phone menu first when it is in there. */
async function follow(page, href) {
  const link = page.locator(`.site-nav a[href="${href}"], .account-nav a[href="${href}"], .list-tabs a[href="${href}"], .pager a[href="${href}"]`).first();
  if (!(await link.isVisible())) {
    await page.getByText("菜单", { exact: true }).click();
  }
  await link.click();
  const target = new URL(href, BASE_URL);
  await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search);
}

for (const [width, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  for (const signedIn of [false, true]) {
    const who = signedIn ? "a resident" : "a visitor";
    test(`every header, tab and pager link works after hydration (${width}, ${who})`, async () => {
      const { context, page, problems } = await openPage(browser, { viewport });
      if (signedIn) await signIn(page, "resident@linli.demo");
      const community = pages[2];
      const all = signedIn
        ? [...pages, "/account", "/inbox", `${community}/report`, "/organisations/register"]
        : pages;
      for (const start of all) {
        await page.goto(BASE_URL + start);
        await hydrated(page);
        await assertFine(page, problems, `${start} (${width})`);
        for (const href of await linksOf(page)) {
          if (href.startsWith("/sign-in")) continue;
          await page.goto(BASE_URL + start);
          await hydrated(page);
          await follow(page, href);
          await assertFine(page, problems, `${start} → ${href} (${width}, ${who})`);
        }
      }
      await context.close();
    });
  }
}

test("the phone menu opens and navigates without JavaScript", async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(BASE_URL + "/");
  const header = await page.locator(".site-header").boundingBox();
  assert.ok(header.height < 90, `the header is one row on a phone, not ${header.height}px`);
  const section = page.locator(".site-nav").getByRole("link", { name: "议事协商", exact: true });
  assert.equal(await section.isVisible(), false, "the menu starts folded");
  await page.getByText("菜单", { exact: true }).click();
  await section.click();
  await page.waitForURL(/\/deliberations$/);
  await page.locator("main h1").waitFor();
  assert.equal(await page.locator(".notice-error").count(), 0);
  await context.close();
});

test("a wrong area code in a list filter keeps the form and says what is wrong", async () => {
  for (const path of ["/needs", "/projects", "/deliberations", "/matters"]) {
    const { context, page, problems } = await openPage(browser, { viewport: PHONE });
    const response = await page.goto(`${BASE_URL}${path}?place=1234`);
    assert.equal(response.status(), 400, path);
    const field = page.locator('input[name="place"]');
    assert.equal(await field.inputValue(), "1234", `${path} keeps what was typed`);
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.ok((await page.locator(".field-error").innerText()).length > 0, `${path} explains the error`);
    assert.equal(await page.locator(".notice-error").count(), 0, `${path} is not an error page`);
    await hydrated(page);
    assert.deepEqual(problems.filter((p) => !p.includes("400")), [], path);
    await context.close();
  }
});

test("a street's matters, reached from its figures, page back newest first, with and without JavaScript", async () => {
  // The street of the first community, and its matters as the open API lists them.
  const first = await openPage(browser);
  const street = (await firstLink(first.page, "/communities", /^\/communities\/\d{17}$/)).split("/")[2].slice(0, 9);
  await first.context.close();
  const api = await (await fetch(`${BASE_URL}/api/v1/matters?place=${street}&limit=40`)).json();
  const expected = api.items.map((m) => `#${m.id}`);
  assert.equal(expected.length, 40, "the demo street has two pages of matters");
  assert.ok(api.items.every((m) => m.grid.startsWith(street)), "each under the street");
  assert.ok(api.items.every((m, i) => i === 0 || m.id < api.items[i - 1].id), "newest first");
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/matters/stats?place=${street}`);
    if (javaScriptEnabled) await hydrated(page);
    await page.locator("main").getByRole("link", { name: "居民事项", exact: true }).click();
    await page.waitForURL(new RegExp(`/matters\\?place=${street}$`));
    const codes = () => page.locator(".matter-card .code").allInnerTexts();
    assert.deepEqual(await codes(), expected.slice(0, 20), `first page, JavaScript ${javaScriptEnabled}`);
    await page.getByRole("link", { name: "更早的事项" }).click();
    await page.waitForURL(new RegExp(`place=${street}&before=\\d+`));
    assert.deepEqual(await codes(), expected.slice(20, 40), `second page, JavaScript ${javaScriptEnabled}`);
    await context.close();
  }
});

test("the responsibilities list pages forward and back", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE_URL + "/responsibilities");
  await hydrated(page);
  const first = await page.locator(".matter-card h3").first().innerText();
  assert.equal(await page.getByRole("link", { name: "上一页" }).count(), 0, "no page before the first");
  await page.getByRole("link", { name: "下一页" }).click();
  await page.waitForURL(/from=\d+/);
  assert.notEqual(await page.locator(".matter-card h3").first().innerText(), first);
  await page.getByRole("link", { name: "上一页" }).click();
  await page.waitForURL(BASE_URL + "/responsibilities");
  assert.equal(await page.locator(".matter-card h3").first().innerText(), first);
  assert.deepEqual(problems, []);
  await context.close();
});

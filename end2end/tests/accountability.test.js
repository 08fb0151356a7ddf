// The three rates in the browser: a visitor on a phone finds them in the
// menu, reads the city's rates, ranks the districts by satisfaction, goes
// down to a district and back a month with the picker; the page is
// axe-clean, fits the screen, and works the same without JavaScript and
// in English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations } from "./support.js";

const PHONE = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** How much wider than the screen the page is, in pixels. */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("a visitor on a phone reads the rates, ranks the districts and goes down a level", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  await page.getByText("菜单", { exact: true }).click();
  await page.locator(".site-nav").getByRole("link", { name: "三率公开" }).click();
  await page.waitForURL(/\/accountability$/);
  await page.locator("h1").filter({ hasText: "三率" }).waitFor();
  for (const name of ["响应率", "解决率", "满意率"]) {
    const card = page.locator(".rate-card").filter({ has: page.getByRole("heading", { name }) });
    assert.match(await card.locator(".rate-figure").innerText(), /^(\d+\.\d%|—)$/, name);
  }
  assert.match(await page.locator(".rate-card .rate-figure").first().innerText(), /%/, "the city has enough matters to rate");
  assert.equal(await page.locator("#trend-heading + .legend + svg polyline").count() > 0, true, "the trend is drawn");
  assert.deepEqual(await axeViolations(page), []);
  assert.ok((await overflow(page)) <= 0, "fits the phone");

  // Rank the districts by satisfaction: best first.
  await page.locator("#league .list-tabs").getByRole("link", { name: "满意率" }).click();
  await page.waitForURL(/rank=satisfaction/);
  const rates = await page
    .locator(".league-table tbody tr td:nth-child(5)")
    .evaluateAll((cells) => cells.map((c) => c.textContent.trim()).filter((t) => t !== "—").map(parseFloat));
  assert.deepEqual(rates, [...rates].sort((a, b) => b - a), "ranked best first");

  // Down to the first district, then one month back with the picker.
  const first = page.locator(".league-table tbody th a").first();
  const district = (await first.innerText()).trim();
  await first.click();
  await page.waitForURL(/place=\d{6}/);
  await page.locator("h1").filter({ hasText: district }).waitFor();
  assert.match(await page.locator("#league-heading").innerText(), /各街道排名/);
  const picker = page.getByLabel("月份");
  const options = await picker.locator("option").evaluateAll((os) => os.map((o) => o.value));
  await picker.selectOption(options[1]);
  await page.getByRole("button", { name: "查看" }).click();
  await page.waitForURL(new RegExp(`month=${options[1]}`));
  assert.match(await page.locator("h1").innerText(), new RegExp(`${Number(options[1].slice(5))}月`));
  assert.match(page.url(), /place=\d{6}/, "the place stays");
  // The breadcrumb leads back to the city.
  await page.locator(".breadcrumb a").first().click();
  await page.waitForURL((url) => !url.searchParams.has("place"));
  await hydrated(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the rates page works without JavaScript and in English", async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(BASE_URL + "/accountability");
  await page.getByRole("link", { name: /上个月/ }).click();
  await page.waitForURL(/month=\d{4}-\d{2}/);
  const month = new URL(page.url()).searchParams.get("month");
  await page.locator(".league-table tbody th a").first().click();
  await page.waitForURL(/place=\d{6}/);
  assert.equal(new URL(page.url()).searchParams.get("month"), month, "going down keeps the month");
  await page.getByLabel("月份").selectOption({ index: 0 });
  await page.getByRole("button", { name: "查看" }).click();
  await page.waitForURL((url) => url.searchParams.get("month") !== month);
  assert.match(await page.locator("h1").innerText(), /三率/);
  await context.close();

  const english = await openPage(browser, { lang: "en" });
  await english.page.goto(BASE_URL + "/accountability");
  await hydrated(english.page);
  assert.match(await english.page.locator("h1").innerText(), /the three rates/);
  for (const words of ["Response rate", "Resolution rate", "Satisfaction rate", "Districts ranked", "How the figures are counted"]) {
    assert.match(await english.page.locator("main").innerText(), new RegExp(words));
  }
  assert.deepEqual(await axeViolations(english.page), []);
  assert.deepEqual(english.problems, []);
  await english.context.close();
});

test("the standards board lists what falls short, each with a link to fix it", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE_URL + "/accountability");
  await page.locator(".league-table tbody th a").first().click();
  await page.waitForURL(/place=\d{6}/);
  await page.getByRole("link", { name: "治理标准" }).click();
  await page.waitForURL(/\/standards\?place=\d{6}$/);
  await hydrated(page);
  await page.locator("h1").filter({ hasText: "治理标准对照" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.ok((await overflow(page)) <= 0, "fits the phone");
  // The summary jumps to a section; its first flag leads to the list to fix.
  const summary = page.locator(".flag-summary a").first();
  const section = (await summary.getAttribute("href")).slice(1);
  await summary.click();
  const fix = page.locator(`#${section} tbody a`).first();
  const target = await fix.getAttribute("href");
  assert.match(target, /^\/(communities|responsibilities)/);
  await fix.click();
  await page.waitForURL((url) => url.pathname + url.search === target);
  await page.locator("main h1").first().waitFor();
  assert.equal(await page.locator(".notice-error").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

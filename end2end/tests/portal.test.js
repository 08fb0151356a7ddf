// A resident's way through the portal, in both languages, in headless
// Chromium against the release build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations } from "./support.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("home → directory → community, in Chinese by default", async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE_URL + "/");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.locator("h1").innerText(), /大家商量着办/);
  assert.equal(await page.locator(".stat").count(), 6);
  await hydrated(page);

  // After hydration links navigate in the client; wait for what they show.
  await page.getByRole("link", { name: /反映问题/ }).click();
  await page.waitForURL(/\/communities$/);
  await page.getByRole("heading", { level: 1, name: "社区名录" }).waitFor();
  const cards = page.locator(".results .card");
  await cards.first().waitFor();
  assert.equal(await cards.count(), 24);

  const first = cards.first();
  const name = (await first.locator(".card-title").innerText()).trim();
  await first.click();
  await page.waitForURL(/\/communities\/\d{17}$/);
  await page.getByRole("heading", { level: 1, name }).waitFor();
  await page.locator(".grid-table tbody tr").first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the language switch turns the same page into English and is remembered", async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE_URL + "/communities?district=330205");
  await page.getByRole("link", { name: "Switch to English" }).click();
  await page.waitForURL(/\/communities\?district=330205$/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.locator("h1").innerText(), "Community directory");
  assert.equal(await page.locator("#district").inputValue(), "330205");
  assert.ok((await page.locator(".results .card").count()) > 0);

  await page.getByRole("link", { name: "Home" }).click();
  await page.waitForURL(BASE_URL + "/");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.getByRole("heading", { level: 1, name: /decided together/ }).waitFor();

  await page.getByRole("link", { name: "切换到中文" }).click();
  await page.waitForURL(BASE_URL + "/");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.deepEqual(problems, []);
  await context.close();
});

test("after hydration the grid filter narrows the list as one types", async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE_URL + "/communities?q=" + encodeURIComponent("社区"));
  await page.locator(".results .card").first().click();
  await page.waitForURL(/\/communities\/\d{17}$/);
  await hydrated(page);
  const shown = ".grid-table tbody tr:not([hidden])";
  const rows = page.locator(shown);
  await rows.first().waitFor();
  const total = await rows.count();
  assert.ok(total >= 6, `expected several grids, found ${total}`);

  await page.getByLabel("筛选网格").pressSequentially("第3网格");
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 1, shown);
  assert.match(await rows.first().innerText(), /第3网格/);
  assert.match(await page.locator("#grid-count").innerText(), new RegExp(`1 / ${total}`));
  assert.match(page.url(), /\/communities\/\d{17}$/, "filtering did not reload the page");

  await page.getByLabel("筛选网格").fill("没有这个网格");
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, shown);
  assert.ok(await page.getByText("没有符合条件的网格。").isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test("search and paging work without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE_URL + "/communities");
  await page.getByLabel("社区名称或代码").fill("3302");
  await page.getByRole("button", { name: "查找" }).click();
  await page.waitForURL(/q=3302/);
  const codes = await page.locator(".results .code").allInnerTexts();
  assert.equal(codes.length, 24);
  assert.ok(codes.every((c) => c.startsWith("3302")));

  await page.getByRole("link", { name: "下一页" }).click();
  await page.waitForURL(/after=\d{17}/);
  const next = await page.locator(".results .code").allInnerTexts();
  assert.ok(next.length > 0);
  assert.ok(next[0] > codes[codes.length - 1], "the next page continues in code order");
  await context.close();
});

test("a malformed code is explained beside the field and what was typed stays", async () => {
  const { context, page } = await openPage(browser);
  const response = await page.goto(BASE_URL + "/communities?q=33020310100114101");
  assert.equal(response.status(), 400);
  assert.equal(await page.locator("#q").inputValue(), "33020310100114101");
  assert.equal(await page.locator("#q").getAttribute("aria-invalid"), "true");
  assert.match(await page.getByRole("alert").innerText(), /第 14 位/);

  const bad = await page.goto(BASE_URL + "/communities/12345");
  assert.equal(bad.status(), 400);
  assert.match(await page.locator("h1").innerText(), /社区代码有误/);

  const missing = await page.goto(BASE_URL + "/no/such/page");
  assert.equal(missing.status(), 404);
  assert.equal(await page.locator("h1").innerText(), "页面不存在");
  await context.close();
});

test("on a phone nothing is wider than the screen and targets are large", async () => {
  const { context, page } = await openPage(browser, { viewport: { width: 360, height: 740 } });
  for (const path of ["/", "/communities", "/communities?q=3302"]) {
    await page.goto(BASE_URL + path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  const small = await page.$$eval("a.button, button, input, select, .site-nav a, .lang-switch", (els) =>
    els
      .filter((e) => e.offsetParent !== null)
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(small, []);
  await context.close();
});

for (const lang of ["zh-CN", "en"]) {
  test(`every page is free of WCAG 2.1 A/AA violations (${lang})`, async () => {
    const { context, page } = await openPage(browser, { lang });
    await page.goto(BASE_URL + "/communities?q=3302");
    const community = await page.locator(".results .card").first().getAttribute("href");
    const paths = [
      "/",
      "/communities",
      "/communities?district=330203",
      "/communities?q=33020310100114101",
      community,
      `${community}/items`,
      `${community}/items/history`,
      `${community}/items?q=${encodeURIComponent(lang === "en" ? "proof of residence" : "居住证明")}`,
      "/communities/12345",
      "/no/such/page",
      "/deliberations",
      "/deliberations/calendar",
      "/deliberations/1",
      "/deliberations/2",
      "/deliberations/3",
      "/deliberations/4",
      "/deliberations/1/record",
      "/projects",
      "/projects/1",
      "/projects/2",
      "/projects/3",
      "/organisations",
      "/organisations/1",
      "/organisations/register",
      "/needs",
      "/needs?kind=elderly&status=in_hand",
      "/needs/1",
      "/resources",
      "/resources?accessible=on",
      "/resources/1",
      "/responsibilities",
      `/responsibilities?place=${community.split("/").pop()}`,
      "/accountability",
      `/accountability?place=${community.split("/").pop()}`,
      "/standards?place=330203",
      "/open-data",
    ];
    for (const path of paths) {
      await page.goto(BASE_URL + path);
      assert.equal(await page.getAttribute("html", "lang"), lang);
      assert.deepEqual(await axeViolations(page), [], `violations on ${path}`);
    }
    await context.close();
  });
}

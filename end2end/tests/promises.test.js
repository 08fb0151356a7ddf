// Promises in the browser: a visitor reads from the rates to every
// promise, kept and broken, with their clocks (also without JavaScript);
// a council member on a phone keeps a running promise by recording the
// agenda entry and the written answer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn } from "./support.js";

const PHONE = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a visitor finds the promises from the rates, kept and broken, each with its clocks", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE_URL + "/accountability");
  await hydrated(page);
  assert.match(await page.locator(".figure-list").innerText(), /承诺兑现率\s*(\d+\.\d%|—)/);
  await page.getByRole("link", { name: "查看每一项承诺" }).click();
  await page.waitForURL(/\/promises/);
  await hydrated(page);
  assert.match(await page.locator(".promise-summary").innerText(), /已兑现 [1-9]\d* 项 · 未兑现 [1-9]\d* 项/);
  assert.deepEqual(await axeViolations(page), []);
  const broken = page.locator(".promise-card.promise-broken").first();
  assert.match(await broken.locator(".promise-clocks").innerText(), /已超过 \d+ 天|才做到，已超期/, "a broken promise says which deadline passed");
  const kept = page.locator(".promise-card.promise-kept").first();
  assert.match(await kept.locator(".promise-clocks").innerText(), /已于 .* 做到[\s\S]*已于 .* 做到/);
  await kept.locator("h2 a").click();
  await page.waitForURL(/\/promises\/\d+$/);
  await hydrated(page);
  assert.match(await page.locator(".answer-text").innerText(), /居委会/);
  assert.equal(await page.locator("form").filter({ has: page.locator("textarea") }).count(), 0, "visitors get no forms");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();

  const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const noJs = await plain.newPage();
  await noJs.goto(BASE_URL + "/promises");
  await noJs.locator(".promise-card.promise-broken h2 a").first().click();
  await noJs.waitForURL(/\/promises\/\d+$/);
  assert.match(await noJs.locator(".promise-state").innerText(), /未兑现/);
  await plain.close();
});

test("a council member on a phone keeps a running promise", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await signIn(page, "council@linli.demo");
  await page.goto(BASE_URL + "/promises");
  const running = page.locator(".promise-card.promise-running");
  assert.match(await running.first().locator(".promise-clocks").innerText(), /还剩 \d+ 天/);
  // The council member answers for their own community's promises only.
  const links = await running.locator("h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  let found = false;
  for (const href of links) {
    await page.goto(BASE_URL + href);
    if ((await page.locator("form[action$='/answer']").count()) > 0) {
      found = true;
      break;
    }
  }
  assert.ok(found, "a running promise of the council member's community");
  await hydrated(page);
  assert.deepEqual(await axeViolations(page), []);
  // A one-word answer is refused and kept for editing.
  await page.getByLabel("给支持者的书面答复").fill("收到");
  await page.getByRole("button", { name: "公开答复" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByLabel("给支持者的书面答复").inputValue(), "收到");
  await page.getByLabel("列入了哪次会议、第几项").fill("12月居民议事会第2项");
  await page.getByRole("button", { name: "记录列入议程" }).click();
  await page.waitForURL(/notice=saved/);
  await page.getByLabel("给支持者的书面答复").fill("已与物业商定本月底前修好，费用从公共收益中列支，完工后在本页公布验收结果。");
  await page.getByRole("button", { name: "公开答复" }).click();
  await page.waitForURL(/notice=saved/);
  await hydrated(page);
  assert.match(await page.locator(".promise-state").innerText(), /已兑现/);
  assert.match(await page.locator(".answer-text").innerText(), /月底前修好/);
  assert.equal(await page.locator("form[action$='/answer']").count(), 0, "answered once");
  assert.deepEqual(problems, []);
  await context.close();
});

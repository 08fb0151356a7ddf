// Results and recurring matters in the browser: a visitor follows the
// board's late flag to a result and reads its dated updates (also without
// JavaScript); a council member on a phone proposes a cluster of recurring
// matters as one topic, then marks a result done.
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

test("a visitor follows a late result from the board to its updates", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE_URL + "/standards");
  await hydrated(page);
  const late = page.locator("#result_late");
  assert.match(await late.locator("h2").innerText(), /逾期未完成的成果\s*[1-9]/);
  await late.locator("a", { hasText: "去处理" }).first().click();
  await page.waitForURL(/\/results\/\d+$/);
  await hydrated(page);
  assert.match(await page.locator(".result-card").innerText(), /已逾期 \d+ 天/);
  assert.match(await page.locator(".result-card").innerText(), /完成 50%/);
  assert.ok((await page.locator(".result-entries li").count()) >= 3, "opened, then two updates");
  assert.match(await page.locator(".result-entries").innerText(), /计划日期改为/);
  assert.equal(await page.locator("form#update").count(), 0, "visitors get no update form");
  assert.deepEqual(await axeViolations(page), []);
  // Up to the place's list, narrowed to the late ones.
  await page.getByRole("link", { name: "成果跟踪" }).first().click();
  await page.waitForURL(/\/results\?place=/);
  await hydrated(page);
  await page.getByRole("link", { name: "只看逾期的" }).click();
  await page.waitForURL(/late=1/);
  await hydrated(page);
  assert.ok((await page.locator(".result-card.result-late").count()) >= 1);
  assert.equal(await page.locator(".result-card:not(.result-late)").count(), 0, "only late ones");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();

  const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const noJs = await plain.newPage();
  await noJs.goto(BASE_URL + "/results?late=1");
  await noJs.locator(".result-card h2 a").first().click();
  await noJs.waitForURL(/\/results\/\d+$/);
  assert.match(await noJs.locator(".result-state").innerText(), /进行中|未开始/);
  await plain.close();
});

test("a council member on a phone proposes recurring matters as a topic and finishes a result", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await signIn(page, "council@linli.demo");
  await page.goto(BASE_URL + "/deliberations");
  await page.getByRole("link", { name: "明年民生微实事项目征集" }).first().click();
  await page.waitForURL(/\/deliberations\/\d+$/);
  await hydrated(page);
  await page.getByText("把居民反映的事项转为议题").click();
  await page.getByRole("link", { name: "反复出现的问题" }).click();
  await page.waitForURL(/\/recurring\/\d{17}$/);
  await hydrated(page);
  assert.deepEqual(await axeViolations(page), []);
  const cluster = page.locator("section.cluster").first();
  assert.match(await cluster.locator("h3").innerText(), /道路与照明 · .* · 4 件/);
  await cluster.getByRole("button", { name: "作为议题提出" }).click();
  await page.waitForURL(/\/deliberations\/\d+\?notice=saved#topics-\d+$/);
  await hydrated(page);
  const topicId = page.url().split("#")[1];
  const card = page.locator(`#${topicId}`);
  assert.equal(await card.locator("a[href^='/matters/']").count(), 4, "the topic links every matter");
  await page.goBack();
  await page.reload();
  await hydrated(page);
  assert.match(await page.locator("section.cluster").first().innerText(), /已作为议题提出/);

  // The late result: done at last.
  await page.goto(BASE_URL + "/results?late=1");
  await hydrated(page);
  await page.locator(".result-card h2 a").first().click();
  await page.waitForURL(/\/results\/\d+$/);
  await hydrated(page);
  await page.getByLabel("完成了百分之多少").fill("90");
  await page.getByLabel("状态").selectOption("done");
  await page.getByLabel("这次做了什么").fill("全部完工，已经验收合格，欢迎大家监督。");
  await page.getByRole("button", { name: "公开这次更新" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByLabel("这次做了什么").inputValue(), "全部完工，已经验收合格，欢迎大家监督。", "kept for editing");
  await page.getByLabel("完成了百分之多少").fill("100");
  await page.getByLabel("状态").selectOption("done");
  await page.getByRole("button", { name: "公开这次更新" }).click();
  await page.waitForURL(/notice=saved/);
  await hydrated(page);
  assert.match(await page.locator(".result-card").innerText(), /已完成[\s\S]*完成 100%/);
  assert.doesNotMatch(await page.locator(".result-card").innerText(), /已逾期/);
  assert.match(await page.locator(".hint", { hasText: "不再更新" }).innerText(), /已经结束/);
  assert.deepEqual(problems, []);
  await context.close();
});

// The working-day calendar in the browser: a district officer on a phone
// follows the community settings' link to the district's calendar, makes a
// mistake and gets the choices back, adds a district holiday that the
// community's settings then show, and takes it back; a visitor only reads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn } from "./support.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A Beijing date `days` from now, as a date field takes it and as the page shows it. */
function dayAhead(days) {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const week = ["日", "一", "二", "三", "四", "五", "六"][d.getUTCDay()];
  return { iso, shown: `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${week}）` };
}

test("a district officer adds a district holiday and takes it back", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page, "district@linli.demo");
  await page.goto(BASE_URL + "/communities?q=3302");
  await page.locator(".results .card").first().click();
  await page.getByRole("link", { name: "办理时限与类别" }).click();
  await page.waitForURL(/\/settings$/);
  const settings = page.url();
  await page.getByRole("link", { name: "查看和调整工作日历" }).click();
  await page.waitForURL(/\/districts\/\d+\/calendar$/);
  await hydrated(page);
  await page.getByRole("heading", { name: "添加或修改一天" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // Without a date the server answers beside the field and keeps the choices.
  await page.getByLabel("这一天").selectOption("holiday");
  await page.getByLabel("属于哪个假日").selectOption("local");
  await page.getByRole("button", { name: "保存这一天" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByLabel("日期", { exact: true }).getAttribute("aria-invalid"), "true");
  assert.equal(await page.getByLabel("属于哪个假日").inputValue(), "local", "the choice is kept");

  const { iso, shown } = dayAhead(40);
  await page.getByLabel("日期", { exact: true }).fill(iso);
  await page.getByRole("button", { name: "保存这一天" }).click();
  await page.waitForURL(/notice=saved/);
  const local = page.locator("#local");
  assert.match(await local.innerText(), new RegExp(shown));
  assert.match(await page.locator("#calendar").innerText(), /本区假日/);

  // The community's settings count deadlines by it.
  await page.goto(settings);
  assert.match(await page.locator("#calendar").innerText(), new RegExp(shown));

  // A visitor reads the calendar but gets no forms.
  const visitor = await openPage(browser);
  await visitor.page.goto(settings);
  await visitor.page.getByRole("link", { name: "查看工作日历" }).click();
  await visitor.page.waitForURL(/\/calendar$/);
  assert.match(await visitor.page.locator("main").innerText(), /工作日历由区级工作人员维护/);
  assert.equal(await visitor.page.getByRole("button", { name: "保存这一天" }).count(), 0);
  assert.deepEqual(visitor.problems, []);
  await visitor.context.close();

  await page.getByRole("link", { name: "查看和调整工作日历" }).click();
  await page.waitForURL(/\/calendar$/);
  await page.getByRole("button", { name: `撤销${shown}的调整` }).click();
  await page.waitForURL(/notice=removed/);
  assert.match(await page.locator("#local").innerText(), /本区没有调整/);
  assert.deepEqual(problems, []);
  await context.close();
});

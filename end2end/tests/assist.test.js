// Nobody left out, as staff use it: a resident phones, a staff member on a
// phone-sized screen acts for her (a form that fails keeps what was typed),
// casts her ballot with the ordinary poll form under a banner that says
// whose name it goes in, and stops; the poll counts the ballot as phoned
// in. Paper ballots: a sheet entered by one staff member is refused to
// them for confirming and confirmed by a second. Without JavaScript staff
// act for a resident at the counter, and the matters' figures show how
// matters came in. Every page is checked with axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn, openDeliberation } from "./support.js";

const PHONE = { width: 390, height: 844 };
const POLL = "车位分配采用哪种办法？";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The row of a channel in the poll's turnout table, as a number. */
async function turnout(page, channel) {
  const poll = page.locator(".poll", { hasText: POLL });
  await poll.locator(".poll-channels summary").click();
  const row = poll.locator(".poll-channels tr", { hasText: channel });
  return Number((await row.locator("td").first().innerText()).trim());
}

test("a ballot entered on behalf of a resident who phoned", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await signIn(page, "staff@linli.demo");
  await page.goto(BASE_URL + "/staff/matters");
  await hydrated(page);
  await page.getByRole("link", { name: "为居民代办（窗口、电话）" }).click();
  await page.waitForURL(/\/staff\/assist$/);
  await hydrated(page);
  assert.deepEqual(await axeViolations(page), []);

  // A mistyped number comes back with what was typed and why.
  await page.getByLabel("居民的手机号或邮箱").fill("neighbour05@linli");
  await page.getByRole("button", { name: "开始代办" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByLabel("居民的手机号或邮箱").inputValue(), "neighbour05@linli");
  assert.match(await page.locator("#assist").innerText(), /请从给出的选项中选择|请填写/);
  await page.getByLabel("居民的手机号或邮箱").fill("neighbour05@linli.demo");
  await page.getByRole("radio", { name: "打电话由工作人员代办" }).check();
  await page.getByRole("button", { name: "开始代办" }).click();
  await page.waitForURL(/notice=assist_started/);
  await hydrated(page);
  const banner = page.locator(".assist-banner");
  assert.match(await banner.innerText(), /您正在为「钱文杰」代办（电话代办）/);
  assert.deepEqual(await axeViolations(page), []);

  // Her ballot, with the form residents use; the banner stays on every page.
  await page.getByRole("link", { name: "议事：提议议题、支持议题或投票" }).click();
  await page.waitForURL(/\/deliberations$/);
  await openDeliberation(page, "小区停车位怎么分配");
  assert.match(await page.locator(".assist-banner").innerText(), /钱文杰/);
  const before = await turnout(page, "电话代办");
  const poll = page.locator(".poll", { hasText: POLL });
  await poll.getByLabel("按户轮换", { exact: true }).check();
  await poll.getByRole("button", { name: "投票" }).click();
  await page.waitForURL(/notice=d_polls-/);
  await hydrated(page);
  assert.equal(await page.locator(".poll", { hasText: POLL }).getByLabel("按户轮换", { exact: true }).isChecked(), true, "the ballot is hers");
  assert.equal(await turnout(page, "电话代办"), before + 1, "counted as phoned in");
  assert.deepEqual(await axeViolations(page), []);

  // Staff tools wait until she is done; stopping brings them back.
  await page.locator(".assist-banner").getByRole("button", { name: "结束代办" }).click();
  await page.waitForURL(/notice=assist_stopped/);
  await hydrated(page);
  assert.equal(await page.locator(".assist-banner").count(), 0);
  assert.match(await page.getByRole("status").first().innerText(), /代办已结束/);

  // Paper ballots: the sheet staff entered yesterday needs someone else.
  await openDeliberation(page, "小区停车位怎么分配");
  const sheets = page.locator(".poll", { hasText: POLL }).locator(".tally");
  assert.match(await sheets.innerText(), /等待另一位工作人员核对/);
  await sheets.getByRole("button", { name: "核对无误，确认" }).first().click();
  await page.waitForURL(/kept=1/);
  assert.match(await page.getByRole("alert").first().innerText(), /不能确认自己录入的/);
  assert.deepEqual(problems, []);
  await context.close();

  const grid = await openPage(browser);
  await signIn(grid.page, "grid@linli.demo");
  await openDeliberation(grid.page, "小区停车位怎么分配");
  const paperBefore = await turnout(grid.page, "纸质选票");
  const tally = grid.page.locator(".poll", { hasText: POLL }).locator(".tally");
  assert.match(await tally.innerText(), /「每年摇号」6/, "the second person reads the counts to check them");
  await tally.getByRole("button", { name: "核对无误，确认" }).first().click();
  await grid.page.waitForURL(/notice=d_tally-/);
  await hydrated(grid.page);
  assert.match(await grid.page.locator(".poll", { hasText: POLL }).locator(".tally").innerText(), /核对确认，已计入结果/);
  assert.equal(await turnout(grid.page, "纸质选票"), paperBefore + 11);
  assert.deepEqual(await axeViolations(grid.page), []);
  assert.deepEqual(grid.problems, []);
  await grid.context.close();
});

test("without JavaScript, staff act for a resident at the counter and matters show their channel", async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, "grid@linli.demo");
  await page.goto(BASE_URL + "/staff/assist");
  await page.getByLabel("居民的手机号或邮箱").fill("neighbour06@linli.demo");
  await page.getByRole("radio", { name: "到窗口由工作人员代办" }).check();
  await page.getByRole("button", { name: "开始代办" }).click();
  await page.waitForURL(/notice=assist_started/);
  assert.match(await page.locator(".assist-banner").innerText(), /（窗口代办）/);
  const report = await page.getByRole("link", { name: "反映一件事" }).getAttribute("href");
  assert.match(report, /^\/communities\/\d{17}\/report$/);
  const community = report.split("/")[2];
  await page.locator(".assist-banner").getByRole("button", { name: "结束代办" }).click();
  await page.waitForURL(/notice=assist_stopped/);
  assert.equal(await page.locator(".assist-banner").count(), 0);

  await page.goto(BASE_URL + "/matters/stats?place=" + community.slice(0, 6));
  const table = page.locator("table", { hasText: "事项从哪里来" });
  for (const channel of ["网上", "窗口代办", "电话代办"]) {
    const cell = table.locator("tr", { hasText: channel }).locator("td").first();
    assert.ok(Number(await cell.innerText()) > 0, `${channel} has matters`);
  }
  await context.close();
});

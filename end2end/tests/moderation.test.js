// Moderation in the open, as people use it: a resident on a phone reports
// a statement (a form that fails keeps what was chosen), a council member
// finds it on the desk and hides it with a public reason, everyone sees the
// text withheld and the reason in the community's public log (never the
// reporter), and the council restores it. Without JavaScript the desk and
// its forms work the same way. Every page is checked with axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn, openDeliberation } from "./support.js";

const PHONE = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a report leads to a public hide and a restore", async () => {
  const resident = await openPage(browser, { viewport: PHONE });
  let page = resident.page;
  await signIn(page, "resident@linli.demo");
  await openDeliberation(page, "小区停车位怎么分配");
  const deliberation = page.url();
  const statement = page.locator("#all-statements + .statement-list .statement").first();
  const text = await statement.locator(".statement-body").innerText();
  await statement.getByRole("link", { name: /举报这条观点/ }).click();
  await page.waitForURL(/\/moderation\/item\?what=statement:\d+$/);
  await hydrated(page);
  const item = page.url();
  assert.match(await page.locator(".reported-text").innerText(), new RegExp(text.slice(0, 8)));
  assert.deepEqual(await axeViolations(page), []);
  // "Something else" needs a note: the form comes back with the choice kept.
  await page.getByRole("radio", { name: "其他（请写明）" }).check();
  await page.getByRole("button", { name: "提交举报" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByRole("radio", { name: "其他（请写明）" }).isChecked(), true);
  assert.match(await page.locator("#report").innerText(), /请填写此项/);
  await page.getByLabel("补充说明（选“其他”时必填）").fill("这条说的是别的小区的事，和我们无关。");
  await page.getByRole("button", { name: "提交举报" }).click();
  await page.waitForURL(/notice=m_reported/);
  assert.match(await page.getByRole("status").first().innerText(), /已收到您的举报/);
  assert.match(await page.locator("main").innerText(), /您已经举报过这条内容/);
  assert.deepEqual(resident.problems, []);
  await resident.context.close();

  // The council member finds it on the desk, reads the reasons, hides it.
  const council = await openPage(browser, { viewport: PHONE });
  page = council.page;
  await signIn(page, "council@linli.demo");
  await page.goto(deliberation);
  await hydrated(page);
  await page.getByRole("link", { name: "举报处理台" }).click();
  await page.waitForURL(/\/staff\/moderation$/);
  await hydrated(page);
  assert.deepEqual(await axeViolations(page), []);
  const id = item.split("statement:")[1];
  await page.locator(`a[href$="statement:${id}"]`).click();
  await page.waitForURL(/\/moderation\/item/);
  await hydrated(page);
  assert.match(await page.locator("#moderate-heading + p").innerText(), /待处理的举报 1 条/);
  assert.match(await page.locator(".check-list").innerText(), /其他/);
  await page.getByLabel("公开理由").fill("说的是别的小区，与本次议事无关。");
  await page.getByRole("button", { name: "隐藏", exact: true }).click();
  await page.waitForURL(/notice=m_hidden/);
  assert.match(await page.getByRole("status").first().innerText(), /已隐藏/);
  assert.deepEqual(await axeViolations(page), []);

  // Everyone sees the text withheld, and why in the public log.
  await page.goto(deliberation);
  await hydrated(page);
  assert.equal(await page.locator("#all-statements + .statement-list").getByText(text, { exact: true }).count(), 0);
  assert.ok((await page.locator("#all-statements + .statement-list .withheld").count()) >= 1);
  await page.goto(item);
  await page.getByRole("link", { name: "本社区的管理记录" }).click();
  await page.waitForURL(/\/communities\/\d{17}\/moderation$/);
  await hydrated(page);
  const log = page.locator(".moderation-log li").first();
  assert.match(await log.innerText(), /已隐藏/);
  assert.match(await log.innerText(), /说的是别的小区，与本次议事无关。/);
  assert.match(await log.innerText(), /居民议事会成员/);
  assert.doesNotMatch(await page.locator("main").innerText(), /王阿姨|resident@/);
  assert.deepEqual(await axeViolations(page), []);

  // Restored with a reason: the statement is back, the log has both.
  await page.goto(item);
  await hydrated(page);
  await page.getByLabel("公开理由").fill("经核实与本小区有关，恢复显示。");
  await page.getByRole("button", { name: "恢复显示" }).click();
  await page.waitForURL(/notice=m_restored/);
  await page.goto(deliberation);
  await hydrated(page);
  assert.equal(await page.locator("#all-statements + .statement-list").getByText(text, { exact: true }).count(), 1);
  assert.deepEqual(council.problems, []);
  await council.context.close();
});

test("without JavaScript the desk hides a reported topic the same way", async () => {
  const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const page = await plain.newPage();
  await signIn(page, "staff@linli.demo");
  await page.goto(BASE_URL + "/staff/moderation");
  const queue = page.locator(".queue-card", { hasText: "2 人举报" });
  assert.match(await queue.innerText(), /议题/);
  // Staff see who reports how much, and whose writing is hidden.
  assert.match(await page.locator("#reporters-heading").innerText(), /举报人统计/);
  assert.ok((await page.locator("section[aria-labelledby=authors-heading] tbody tr").count()) >= 1);
  await queue.getByRole("link").click();
  await page.waitForURL(/what=topic:\d+$/);
  assert.match(await page.locator(".reported-text").innerText(), /没素质/);
  await page.getByLabel("公开理由").fill("针对具体住户的人身攻击。");
  await page.getByRole("button", { name: "隐藏", exact: true }).click();
  await page.waitForURL(/notice=m_hidden/);
  // Its deliberation shows the topic withheld, with a link to why.
  await openDeliberation(page, "明年民生微实事项目征集", { plain: true });
  assert.equal(await page.getByText("天天把垃圾堆在楼道").count(), 0);
  assert.ok((await page.locator(".topic-card .withheld").count()) >= 2);
  await plain.close();
});

test("in English the log and the report page read in English", async () => {
  const { page, problems } = await openPage(browser, { lang: "en" });
  await page.goto(BASE_URL + "/deliberations");
  await page.getByRole("link", { name: "明年民生微实事项目征集" }).first().click();
  await page.waitForURL(/\/deliberations\/\d+$/);
  await hydrated(page);
  await page.locator(".topic-card .withheld a").first().click();
  await page.waitForURL(/\/moderation\/item/);
  await hydrated(page);
  assert.match(await page.locator("h1").innerText(), /Report this topic/);
  assert.match(await page.locator(".reported-item").innerText(), /Now: hidden/);
  assert.match(await page.locator("main").innerText(), /Sign in to report/);
  await page.getByRole("link", { name: "The community's moderation log" }).click();
  await page.waitForURL(/\/moderation$/);
  await hydrated(page);
  assert.match(await page.locator("h1").innerText(), /moderation log/);
  assert.match(await page.locator(".moderation-log").innerText(), /Hidden/);
  assert.deepEqual(problems, []);
});


test("the council removes a participant's votes from the count and counts them again", async () => {
  const council = await openPage(browser);
  const page = council.page;
  await signIn(page, "council@linli.demo");
  await openDeliberation(page, "小区停车位怎么分配");
  const deliberation = page.url();
  const statement = () => page.locator("#all-statements + .statement-list .statement").first();
  const agreed = async () => Number((await statement().locator(".hint").innerText()).match(/同意 (\d+)/)[1]);
  const before = await agreed();
  const href = await statement().locator("a.report-link").getAttribute("href");
  await page.goto(BASE_URL + href);
  await hydrated(page);
  // The statement's page leads its moderators to its author's votes.
  await page.getByRole("link", { name: /作者在这次议事中的投票/ }).click();
  await page.waitForURL(/what=participant:\d+-[0-9a-f]{12}$/);
  await hydrated(page);
  assert.match(await page.locator("h1").innerText(), /匿名参与者 [0-9a-f]{12} 的投票/);
  assert.match(await page.locator(".reported-item").innerText(), /现在：计入统计/);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel("公开理由").fill("核实是同一人用两个账号投票，移出计算。");
  await page.getByRole("button", { name: "移出计算" }).click();
  await page.waitForURL(/notice=m_hidden/);
  assert.match(await page.getByRole("status").first().innerText(), /已把这些投票移出计算/);
  assert.match(await page.locator(".reported-item").innerText(), /现在：不计入统计/);
  const participant = page.url();

  // Their agreement with what they wrote no longer counts.
  await page.goto(deliberation);
  await hydrated(page);
  assert.equal(await agreed(), before - 1);
  await page.goto(participant.split("&")[0]);
  await hydrated(page);
  await page.getByRole("link", { name: "本社区的管理记录" }).click();
  await page.waitForURL(/\/communities\/\d{17}\/moderation$/);
  const line = page.locator(".moderation-log li").first();
  assert.match(await line.innerText(), /已移出计算/);
  assert.match(await line.innerText(), /核实是同一人用两个账号投票/);

  // Counted again, with a reason.
  await page.goto(participant.split("&")[0]);
  await hydrated(page);
  await page.getByLabel("公开理由").fill("复核后确认是两位家人，恢复计算。");
  await page.getByRole("button", { name: "恢复计算" }).click();
  await page.waitForURL(/notice=m_restored/);
  assert.match(await page.getByRole("status").first().innerText(), /已恢复计算/);
  await page.goto(deliberation);
  await hydrated(page);
  assert.equal(await agreed(), before);
  assert.deepEqual(council.problems, []);
  await council.context.close();
});

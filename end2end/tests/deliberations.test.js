// Deliberations in the browser, on the demo community's deliberations (one
// at each step): a resident proposes a topic after a mistake, the council
// answers an objection on a notice, a resident takes part in a consultation
// (a statement vote and a ballot, each changeable), and anyone checks a
// decision record. Moving the clock through a notice period is tested
// against the real server in server/tests/deliberations.rs; this server
// runs on real time. Every page is checked with axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn, openDeliberation } from "./support.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a resident proposes a topic while topics are collected", async () => {
  const { page, problems } = await openPage(browser);
  await signIn(page, "resident@linli.demo");
  await openDeliberation(page, "明年民生微实事项目征集");
  assert.deepEqual(await axeViolations(page), []);
  const title = `楼下加装扶手 ${Date.now() % 100000}`;
  await page.getByLabel("议题名称").fill(title);
  await page.getByLabel("具体情况").fill("太短");
  await page.getByLabel("为什么重要").fill("老人上下台阶容易摔倒。");
  await page.getByRole("button", { name: "提交议题" }).click();
  await page.waitForURL(/kept=1/);
  // What was typed stays; the mistake is named beside its field.
  assert.equal(await page.getByLabel("议题名称").inputValue(), title);
  assert.equal(await page.getByLabel("具体情况").getAttribute("aria-invalid"), "true");
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel("具体情况").fill("3幢门口有五级台阶，没有扶手，雨天很滑。");
  await page.getByRole("button", { name: "提交议题" }).click();
  await page.waitForURL(/notice=d_topics/);
  assert.match(await page.getByRole("status").first().innerText(), /议题已提交/);
  const card = page.locator(".topic-card", { hasText: title });
  assert.match(await card.innerText(), /待确定/);
  // Proposing follows the deliberation.
  assert.match(await page.locator(".follow-row").innerText(), /您已关注/);

  // How news arrives: one daily digest unless the resident says otherwise.
  await page.goto(BASE_URL + "/inbox");
  await hydrated(page);
  const digest = page.getByLabel("每天汇总成一条消息（推荐）");
  assert.equal(await digest.isChecked(), true);
  // By email; SMS is there for people with a mobile number on the account.
  assert.equal(await page.getByRole("radio", { name: "电子邮件" }).isChecked(), true);
  assert.equal(await page.getByRole("radio", { name: /手机短信/ }).isDisabled(), true);
  assert.deepEqual(await axeViolations(page), []);
  await digest.uncheck();
  await page.getByRole("button", { name: "保存设置" }).click();
  await page.waitForURL(/notice=d_digest/);
  assert.match(await page.getByRole("status").first().innerText(), /已保存/);
  assert.equal(await page.getByLabel("每天汇总成一条消息（推荐）").isChecked(), false);
  assert.deepEqual(problems, []);
});

test("the council answers an objection during the notice", async () => {
  const { page, problems } = await openPage(browser);
  await openDeliberation(page, "楼道堆物清理公约");
  // A visitor sees the question waiting and no answer form.
  assert.match(await page.locator(".objection-list").innerText(), /等待答复/);
  assert.equal(await page.getByRole("button", { name: "答复" }).count(), 0);
  await signIn(page, "council@linli.demo");
  await openDeliberation(page, "楼道堆物清理公约");
  // The consultation cannot open early: the notice period is running.
  const answer = `社区统一联系回收 ${Date.now() % 100000}`;
  const objection = page.locator(".objection").first();
  await objection.getByLabel("答复").fill(answer);
  await objection.getByRole("button", { name: "答复" }).click();
  await page.waitForURL(/notice=d_objections-/);
  assert.match(await page.locator(".objection-list").innerText(), new RegExp(answer));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});

test("a resident votes on statements and casts a ballot, then changes them", async () => {
  const { page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page, "resident@linli.demo");
  await openDeliberation(page, "小区停车位怎么分配");
  // The opinion map is drawn, and its facts are in a table as well.
  assert.equal(await page.locator(".opinion-map svg circle").count() > 0, true);
  assert.match(await page.locator(".opinion-table").innerText(), /第 1 组/);
  assert.deepEqual(await axeViolations(page), []);

  const statement = page.locator(".statement", { hasText: "残疾人和老人的车优先" });
  for (const choice of ["不同意", "同意"]) {
    await statement.getByRole("button", { name: choice, exact: true }).click();
    await page.waitForURL(/notice=d_statements-/);
    const again = page.locator(".statement", { hasText: "残疾人和老人的车优先" });
    assert.equal(await again.getByRole("button", { name: choice, exact: true }).getAttribute("aria-pressed"), "true");
  }

  const poll = page.locator(".poll").first();
  assert.match(await poll.innerText(), /结果在截止后公布/);
  await poll.getByLabel("按户轮换").check();
  await poll.getByRole("button", { name: "投票" }).click();
  await page.waitForURL(/notice=d_polls-/);
  assert.equal(await page.locator(".poll").first().getByLabel("按户轮换").isChecked(), true);
  await page.locator(".poll").first().getByLabel("每年摇号").check();
  await page.locator(".poll").first().getByRole("button", { name: "投票" }).click();
  await page.waitForURL(/notice=d_polls-/);
  assert.equal(await page.locator(".poll").first().getByLabel("每年摇号").isChecked(), true, "a ballot can be changed");
  assert.doesNotMatch(await page.locator(".poll").first().innerText(), /结果：/, "no result before the poll closes");
  assert.deepEqual(problems, []);
});

test("anyone verifies a decision record, in both languages", async () => {
  const { page, problems } = await openPage(browser);
  await openDeliberation(page, "3 号楼北侧加装电动车充电桩");
  assert.match(await page.locator(".decision").innerText(), /充电桩/);
  await page.getByRole("link", { name: "查看和核验决定记录" }).click();
  await page.waitForURL(/\/record$/);
  // The link navigates inside the hydrated app: wait for the record to load.
  await page.locator("main", { hasText: "核验通过" }).waitFor();
  assert.match(await page.locator("main").innerText(), /核验通过/);
  assert.match(await page.locator(".fingerprint").first().innerText(), /^[0-9a-f]{64}$/);
  assert.deepEqual(await axeViolations(page), []);

  const en = await openPage(browser, { lang: "en" });
  await en.page.goto(BASE_URL + "/deliberations/calendar");
  assert.match(await en.page.locator("h1").innerText(), /Upcoming consultations/);
  assert.deepEqual(await axeViolations(en.page), []);
  assert.deepEqual(problems, []);
  assert.deepEqual(en.problems, []);
});

test("an open consultation's opinion map follows new votes without a reload", async () => {
  const watcher = await openPage(browser);
  await openDeliberation(watcher.page, "小区停车位怎么分配");
  const map = watcher.page.locator(".opinion-map svg");
  const placed = async () => Number((await map.getAttribute("aria-label")).match(/(\d+)/)[1]);
  const before = await placed();

  // Someone else votes on three statements (enough to be placed on the map).
  const voter = await openPage(browser);
  await signIn(voter.page, "resident@linli.demo");
  await openDeliberation(voter.page, "小区停车位怎么分配");
  for (const text of ["车位应该按户分配", "车位应该摇号", "先买车的人先有车位"]) {
    await voter.page.locator(".statement", { hasText: text }).getByRole("button", { name: "同意", exact: true }).click();
    await voter.page.waitForURL(/notice=d_statements-/);
  }
  // Placed, the voter is told where they stand.
  const stand = voter.page.locator("section.stand");
  assert.match(await stand.innerText(), /按您的投票，您在第 \d 组/);
  assert.ok((await stand.locator("tbody tr").count()) >= 2, "closeness to every group");

  // The watcher's page was not reloaded, yet its map now counts the voter.
  await watcher.page.waitForFunction(
    (n) => Number(document.querySelector(".opinion-map svg").getAttribute("aria-label").match(/(\d+)/)[1]) > n,
    before,
    { timeout: 45_000 },
  );
  assert.equal(await placed(), before + 1);
  assert.deepEqual(watcher.problems, []);
  assert.deepEqual(voter.problems, []);
});

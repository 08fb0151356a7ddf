// Decision methods in the browser: a resident on a phone ranks the parking
// options (a rank given twice comes back with the marks and the reason),
// also without JavaScript; the decided deliberation shows the runoff's
// rounds; a resident blocks a consent proposal, which needs a reason, and
// the council answers the block.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn, openDeliberation } from "./support.js";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pollNamed = (page, question) => page.locator(".poll", { has: page.locator("h4", { hasText: question }) });

test("a resident on a phone ranks the options, and the count shows its rounds", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: PHONE });
  await signIn(page, "resident@linli.demo");
  await openDeliberation(page, "小区停车位怎么分配");
  const ranked = () => pollNamed(page, "三种车位分配办法，您的排序是？");
  assert.match(await ranked().innerText(), /排序投票（逐轮淘汰）/);
  assert.match(await ranked().innerText(), /结果在截止后公布/);
  // The same rank twice: refused, every mark kept.
  await ranked().getByLabel("每年摇号").selectOption("1");
  await ranked().getByLabel("按户轮换").selectOption("1");
  await ranked().getByRole("button", { name: "投票" }).click();
  await page.waitForURL(/kept=1/);
  await hydrated(page);
  assert.match(await ranked().locator(".field-error").innerText(), /每个名次只能给一个选项/);
  assert.equal(await ranked().getByLabel("每年摇号").inputValue(), "1");
  assert.equal(await ranked().getByLabel("按户轮换").inputValue(), "1");
  await ranked().getByLabel("按户轮换").selectOption("2");
  await ranked().getByRole("button", { name: "投票" }).click();
  await page.waitForURL(/notice=d_polls-/);
  await hydrated(page);
  assert.match(await ranked().innerText(), /您已投票，截止前可以修改/);
  assert.equal(await ranked().getByLabel("按户轮换").inputValue(), "2", "the ballot is shown to change");
  assert.equal(await ranked().getByLabel("按购车先后").inputValue(), "", "left unranked");
  assert.deepEqual(await axeViolations(page), []);

  // The decided deliberation: the runoff's rounds, in a table.
  await openDeliberation(page, "3 号楼北侧加装电动车充电桩");
  const runoff = pollNamed(page, "充电桩装在哪里？请按喜好排序");
  const table = await runoff.locator("table").first().innerText();
  assert.match(table, /第 1 轮/);
  assert.match(table, /第 2 轮/);
  assert.match(table, /已淘汰/);
  assert.match(await runoff.locator(".poll-outcome").innerText(), /通过「地下车库入口」/);
  assert.match(await pollNamed(page, "明年微实事资金 8 万元，做哪几件？").locator(".poll-outcome").innerText(), /入选/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();

  // Without JavaScript the ballot is the same form.
  const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const noJs = await plain.newPage();
  await signIn(noJs, "resident@linli.demo");
  await openDeliberation(noJs, "小区停车位怎么分配", { plain: true });
  const poll = pollNamed(noJs, "三种车位分配办法，您的排序是？");
  await poll.getByLabel("按购车先后").selectOption("3");
  await poll.getByRole("button", { name: "投票" }).click();
  await noJs.waitForURL(/notice=d_polls-/);
  assert.match(await pollNamed(noJs, "三种车位分配办法，您的排序是？").innerText(), /您已投票/);
  await plain.close();
});

test("a block needs its reason, and the council answers it", async () => {
  const reason = "访客多是来看老人的子女，两小时不够用。";
  const resident = await openPage(browser, { viewport: PHONE });
  await signIn(resident.page, "resident@linli.demo");
  await openDeliberation(resident.page, "小区停车位怎么分配");
  const consent = () => pollNamed(resident.page, "访客车辆限停 2 小时");
  assert.match(await consent().innerText(), /同意制（无人阻止即通过）/);
  await consent().getByRole("radio", { name: /^阻止/ }).check();
  await consent().getByRole("button", { name: "投票" }).click();
  await resident.page.waitForURL(/kept=1/);
  await hydrated(resident.page);
  assert.match(await consent().locator(".field-error").innerText(), /请填写/);
  assert.equal(await consent().getByRole("radio", { name: /^阻止/ }).isChecked(), true, "the stance is kept");
  await consent().getByLabel("理由", { exact: true }).fill(reason);
  await consent().getByRole("button", { name: "投票" }).click();
  await resident.page.waitForURL(/notice=d_polls-/);
  await hydrated(resident.page);
  assert.equal(await consent().locator(".block-list").count(), 0, "blocks are public after the close");
  assert.deepEqual(resident.problems, []);
  await resident.context.close();

  const council = await openPage(browser, { viewport: DESKTOP });
  await signIn(council.page, "council@linli.demo");
  await openDeliberation(council.page, "小区停车位怎么分配");
  const block = pollNamed(council.page, "访客车辆限停 2 小时").locator(".block-item", { hasText: reason });
  await block.getByLabel("书面答复").fill("访客第一次可在门岗登记延长 2 小时，不另收费。");
  await block.getByRole("button", { name: "答复" }).click();
  await council.page.waitForURL(/notice=/);
  await hydrated(council.page);
  const answered = pollNamed(council.page, "访客车辆限停 2 小时").locator(".block-item", { hasText: reason });
  assert.match(await answered.innerText(), /议事会答复: 访客第一次可在门岗登记延长 2 小时/);
  assert.deepEqual(await axeViolations(council.page), []);
  assert.deepEqual(council.problems, []);
  await council.context.close();
});

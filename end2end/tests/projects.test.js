// Community projects in the browser: staff publish a call (after a mistake
// that keeps what was typed), two organisations bid while everyone else
// sees only that bids are sealed, the bids open at the deadline, experts
// score them (one declares a conflict), staff award, the result is public,
// the winner reports its milestones and a resident rates the delivery.
// An organisation registers on a phone and staff verify it. Every page is
// checked with axe.
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

/** `datetime-local` text in Beijing time for an instant. */
function beijing(ms) {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A signed-in page for a demo account. */
async function as(login, options) {
  const opened = await openPage(browser, options);
  await signIn(opened.page, login);
  return opened;
}

async function openProject(page, id) {
  await page.goto(`${BASE_URL}/projects/${id}`);
  await hydrated(page);
}

test("a call is published, bid on under seal, scored, awarded, delivered and rated", async () => {
  const run = Date.now() % 100000;
  const title = `楼道扶手安装 ${run}`;
  const staff = await as("staff@linli.demo");
  await staff.page.goto(BASE_URL + "/projects");
  await hydrated(staff.page);
  await staff.page.locator(".start-links a.button").first().click();
  await staff.page.waitForURL(/\/projects\/new$/);
  await staff.page.getByLabel("项目名称").waitFor();
  assert.deepEqual(await axeViolations(staff.page), []);

  // Bids close at a whole minute at least 45 seconds away.
  const deadline = Math.ceil((Date.now() + 45_000) / 60_000) * 60_000;
  await staff.page.getByLabel("项目名称").fill(title);
  await staff.page.getByLabel("项目简介").fill("为 6 幢无电梯老楼的楼道加装扶手，方便老人上下楼。");
  await staff.page.getByLabel("服务要求").fill("每个楼道两侧加装不锈钢扶手，完工后居民验收。");
  await staff.page.getByLabel("投标资格").fill("本街道登记并核验的社会组织");
  await staff.page.getByLabel("预算上限（元）").fill("50000");
  await staff.page.getByLabel("投标截止时间").fill(beijing(deadline));
  await staff.page.getByLabel("评分标准").fill("方案可行性 | 50\n预算合理性 | 40");
  await staff.page.getByLabel("评审专家").fill("expert1@linli.demo\nexpert2@linli.demo");
  await staff.page.getByRole("button", { name: "发布征集" }).click();
  await staff.page.waitForURL(/kept=1/);
  assert.equal(await staff.page.getByLabel("项目名称").inputValue(), title, "what was typed stays");
  assert.equal(await staff.page.getByLabel("评分标准").getAttribute("aria-invalid"), "true");
  assert.match(await staff.page.locator("#publish").innerText(), /各项权重相加应为 100，现在是 90/);
  await staff.page.getByLabel("评分标准").fill("方案可行性 | 60\n预算合理性 | 40");
  await staff.page.getByRole("button", { name: "发布征集" }).click();
  await staff.page.waitForURL(/\/projects\/\d+\?notice=p_published/);
  const id = staff.page.url().match(/\/projects\/(\d+)/)[1];
  assert.match(await staff.page.locator("#bids").innerText(), /投标密封中/);

  // Two organisations bid; each sees only its own bid.
  for (const [login, marker, amount] of [
    ["org@linli.demo", `阳光方案${run}`, "42000"],
    ["org2@linli.demo", `明月方案${run}`, "39000"],
  ]) {
    const org = await as(login);
    await openProject(org.page, id);
    await org.page.getByLabel("服务方案").fill(`${marker}：逐幢入户征求意见，分两批施工，每幢楼设一名楼道志愿者负责巡查。`);
    await org.page.getByLabel("预算明细").fill(`扶手材料 | ${amount}\n施工 | 5000`);
    await org.page.getByLabel("进度节点").fill("2027-02-01 | 入户调查完成\n2027-04-01 | 全部完工");
    await org.page.getByLabel("项目团队").fill("项目主管 1 名，施工队 4 人，志愿者 6 名");
    await org.page.getByRole("button", { name: "保存投标" }).click();
    await org.page.waitForURL(/notice=p_bid/);
    assert.match(await org.page.locator("#bids").innerText(), new RegExp(marker));
    assert.deepEqual(await axeViolations(org.page), []);
    await org.context.close();
  }
  await openProject(staff.page, id);
  const sealed = await staff.page.locator("main").innerText();
  assert.doesNotMatch(sealed, new RegExp(`方案${run}`), "staff see no sealed bid");
  assert.match(sealed, /看不到投标数量/);

  // The deadline passes: the experts score.
  await staff.page.waitForTimeout(Math.max(0, deadline - Date.now()) + 2_000);
  const expert1 = await as("expert1@linli.demo");
  await openProject(expert1.page, id);
  for (const [org, scores] of [
    ["阳光社工服务社", ["90", "80"]],
    ["明月养老服务中心", ["70", "95"]],
  ]) {
    const card = expert1.page.locator(".bid-card", { hasText: org });
    await card.getByLabel("方案可行性 (60%)").fill(scores[0]);
    await card.getByLabel("预算合理性 (40%)").fill(scores[1]);
    await card.getByLabel("评分理由").fill(`${org}：方案清楚。`);
    await card.getByRole("button", { name: "保存评分" }).click();
    await expert1.page.waitForURL(/notice=p_score/);
  }
  assert.deepEqual(await axeViolations(expert1.page), []);
  await expert1.context.close();
  const expert2 = await as("expert2@linli.demo");
  await openProject(expert2.page, id);
  const moonCard = expert2.page.locator(".bid-card", { hasText: "明月养老服务中心" });
  await moonCard.getByText("申报利益冲突").first().click();
  await moonCard.getByLabel("利益冲突说明").fill("我是该中心的理事");
  await moonCard.getByRole("button", { name: "申报利益冲突" }).click();
  await expert2.page.waitForURL(/notice=p_conflict/);
  // A declared conflict is final, and for the whole call: no scoring form
  // is left for that bid, nor for its rival.
  assert.equal(await moonCard.getByRole("button", { name: "保存评分" }).count(), 0);
  assert.equal(await moonCard.getByLabel("方案可行性 (60%)").count(), 0);
  const sunCard = expert2.page.locator(".bid-card", { hasText: "阳光社工服务社" });
  assert.equal(await sunCard.getByRole("button", { name: "保存评分" }).count(), 0);
  assert.match(await sunCard.innerText(), /本项目的投标都不再由您评分/);
  await expert2.context.close();

  // Staff award; the ranking and every score are public.
  await openProject(staff.page, id);
  await staff.page.getByRole("button", { name: "确定承接方并公开结果" }).click();
  await staff.page.waitForURL(/notice=p_award/);
  await staff.context.close();
  const visitor = await openPage(browser);
  await openProject(visitor.page, id);
  const results = await visitor.page.locator("#results").innerText();
  // 阳光: 86.00 and 明月: 80.00, 孙老师's alone; 周老师 stood aside.
  assert.match(results, /阳光社工服务社[\s\S]*86\.00/);
  assert.match(results, /回避：周老师/);
  assert.doesNotMatch(results, /方案清楚/, "reasons are not public");
  assert.doesNotMatch(await visitor.page.locator("main").innerText(), new RegExp(`明月方案${run}`));
  assert.deepEqual(await axeViolations(visitor.page), []);

  // The winner reports both milestones: the project is delivered.
  const sun = await as("org@linli.demo");
  await openProject(sun.page, id);
  for (const report of ["已入户征求 6 幢楼 72 户居民的意见。", "扶手全部安装完成，居民代表已验收。"]) {
    await sun.page.getByLabel("完成情况").fill(report);
    await sun.page.getByRole("button", { name: "上报进度" }).click();
    await sun.page.waitForURL(/notice=p_report/);
  }
  assert.match(await sun.page.locator(".matter-meta").first().innerText(), /已完成，待评价/);
  await sun.context.close();

  // A resident rates it, on a phone.
  const resident = await as("resident@linli.demo", { viewport: { width: 390, height: 844 } });
  await openProject(resident.page, id);
  await resident.page.locator(".star-choice", { hasText: "★★★★★" }).first().click();
  await resident.page.getByLabel("说说您的看法（可不填）").fill("扶手很结实，下楼放心多了。");
  await resident.page.getByRole("button", { name: "提交评价" }).click();
  await resident.page.waitForURL(/notice=p_rate/);
  assert.match(await resident.page.locator("#ratings").innerText(), /平均 5\.00 星，共 1 位居民评价/);
  assert.deepEqual(await axeViolations(resident.page), []);
  await resident.context.close();

  await visitor.page.goto(BASE_URL + "/organisations/1");
  assert.match(await visitor.page.locator("main").innerText(), new RegExp(title));
  await visitor.context.close();
});

test("an organisation registers on a phone and staff verify it", async () => {
  const founder = await openPage(browser, { viewport: { width: 360, height: 740 } });
  const page = founder.page;
  await page.goto(BASE_URL + "/sign-up");
  const login = `ngo${Date.now() % 1000000}@example.cn`;
  await page.getByLabel("称呼").fill("许会长");
  await page.getByLabel("手机号或邮箱").fill(login);
  await page.getByLabel("密码", { exact: true }).fill("a-long-password-2026");
  await page.getByLabel("再次输入密码").fill("a-long-password-2026");
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL(/\/account/);
  await page.goto(BASE_URL + "/organisations/register");
  await hydrated(page);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel("组织名称").fill("邻里互助志愿者协会");
  await page.getByLabel("统一社会信用代码").fill("5233 0203 MJ00 0246 9J");
  await page.getByLabel("法定代表人").fill("许会长");
  await page.getByLabel("联系电话").fill("139 1234 5678");
  // The demo community's street, where the demo staff work.
  const first = await (await page.request.get(BASE_URL + "/api/v1/communities?limit=1")).json();
  await page.getByLabel("服务地区").fill(first.items[0].code.slice(0, 9));
  await page.getByLabel("组织简介").fill("组织退休居民开展邻里互助、陪伴就医和代购服务，登记志愿者 80 名。");
  await page.getByLabel("证明材料").fill("社会团体法人登记证书");
  await page.getByRole("button", { name: "提交登记" }).click();
  await page.waitForURL(/kept=1/);
  assert.match(await page.locator("#register").innerText(), /校验码对不上/);
  assert.equal(await page.getByLabel("组织名称").inputValue(), "邻里互助志愿者协会");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the form overflows by ${overflow}px`);
  await page.getByLabel("统一社会信用代码").fill("52330203MJ0002468J");
  await page.getByRole("button", { name: "提交登记" }).click();
  await page.waitForURL(/notice=o_registered/);
  assert.match(await page.locator("main").innerText(), /待核验/);
  await founder.context.close();

  const staff = await as("staff@linli.demo");
  await staff.page.goto(BASE_URL + "/organisations/desk");
  await hydrated(staff.page);
  const card = staff.page.locator("article.card", { hasText: "邻里互助志愿者协会" });
  assert.match(await card.innerText(), /\+8613912345678/);
  assert.deepEqual(await axeViolations(staff.page), []);
  await card.getByRole("button", { name: "核验通过" }).click();
  await staff.page.waitForURL(/notice=o_verify/);
  await staff.page.goto(BASE_URL + "/organisations");
  assert.match(await staff.page.locator("main").innerText(), /邻里互助志愿者协会/);
  await staff.context.close();
});

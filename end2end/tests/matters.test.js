// A matter from report to rating, in the browser: a resident reports it
// (after a mistake), staff register, dispatch and resolve it, the resident
// rates it; every page is checked with axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn } from "./support.js";

// A 2 × 2 PNG, as a phone might send (any real picture works the same way).
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4EaABRAwQCgAljgUBqTNxyAAAAABJRU5ErkJggg==";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("report → register → dispatch → resolve → rate", async () => {
  const resident = await openPage(browser);
  await signIn(resident.page, "resident@linli.demo");
  await resident.page.goto(BASE_URL + "/communities");
  await resident.page.locator(".results .card").first().click();
  await resident.page.getByRole("link", { name: "反映本社区的问题" }).click();
  await resident.page.waitForURL(/\/report$/);
  await hydrated(resident.page);
  const title = `5幢电梯异响 ${Date.now() % 100000}`;
  await resident.page.getByLabel("类别").selectOption("public_facilities");
  await resident.page.getByLabel(/标题/).fill(title);
  await resident.page.getByLabel("详细情况").fill("太短");
  // A photo goes with the first try; it must survive the mistake.
  await resident.page.getByLabel(/照片/).setInputFiles({ name: "lift.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await resident.page.getByRole("button", { name: "提交" }).click();
  await resident.page.waitForURL(/kept=1/);
  assert.match(await resident.page.locator("#field-photo-kept").innerText(), /已附上 1 张照片/);
  // What was typed stays; the errors sit beside their fields.
  assert.equal(await resident.page.getByLabel(/标题/).inputValue(), title);
  assert.equal(await resident.page.getByLabel("所在网格").getAttribute("aria-invalid"), "true");
  assert.deepEqual(await axeViolations(resident.page), []);

  await resident.page.getByLabel("所在网格").selectOption({ index: 1 });
  await resident.page.getByLabel("详细情况").fill("5幢1单元电梯运行时有很响的摩擦声，老人不敢坐。");
  await resident.page.getByRole("button", { name: "提交" }).click();
  await resident.page.waitForURL(/\/matters\/\d+\?notice=reported/);
  const matterUrl = resident.page.url().split("?")[0];
  assert.match(await resident.page.getByRole("status").first().innerText(), /已提交/);
  assert.equal(await resident.page.locator("h1").innerText(), title);
  const thumb = resident.page.locator(".photo-strip img").first();
  assert.equal(await thumb.getAttribute("alt"), "照片 1");
  assert.ok(await thumb.evaluate((img) => img.complete && img.naturalWidth > 0), "the thumbnail loads");
  assert.deepEqual(await axeViolations(resident.page), []);

  // The resident keeps the page open; what staff do shows up live.
  await hydrated(resident.page);
  const staff = await registeredBy(matterUrl);
  await resident.page.locator(".matter-meta .badge", { hasText: "已立案" }).waitFor({ timeout: 10000 });
  assert.ok(await resident.page.locator(".timeline-step", { hasText: "立案" }).isVisible(), "the timeline grew without a reload");
  assert.deepEqual(await axeViolations(staff.page), []);
  await staff.page.locator("summary", { hasText: "派遣" }).click();
  await staff.page.getByLabel("或承办队伍名称").fill("物业维修班");
  await staff.page.getByRole("button", { name: "派遣" }).click();
  await staff.page.waitForURL(/notice=step_dispatch/);
  await staff.page.locator("summary", { hasText: "办结" }).click();
  await staff.page.getByLabel("做了什么").fill("更换了电梯导轨滑块，已试运行。");
  await staff.page.getByRole("button", { name: "办结" }).click();
  await staff.page.waitForURL(/notice=step_resolve/);

  await resident.page.goto(matterUrl);
  await resident.page.getByRole("radio", { name: /4 \/ 5/ }).check();
  await resident.page.getByLabel("留言（可选）").fill("修得及时");
  assert.deepEqual(await axeViolations(resident.page), []);
  await resident.page.getByRole("button", { name: "提交评价" }).click();
  await resident.page.waitForURL(/notice=step_rate/);
  const steps = await resident.page.locator(".timeline-step strong").allInnerTexts();
  assert.deepEqual(steps, ["居民反映", "立案", "派遣", "办结", "居民评价"]);
  assert.match(await resident.page.locator(".matter-meta .badge").first().innerText(), /已结案/);

  // The public list finds it, and the page passes axe for everyone.
  const visitor = await openPage(browser, { lang: "en" });
  await visitor.page.goto(BASE_URL + "/matters?state=closed");
  await visitor.page.getByRole("link", { name: title }).click();
  await visitor.page.waitForURL(matterUrl);
  assert.match(await visitor.page.locator(".timeline").innerText(), /Rated by the resident/);
  // The rating is the resident's own step, never the system's.
  const rated = visitor.page.locator(".timeline-step").last();
  assert.match(await rated.innerText(), /A resident \(name not shown\)/);
  assert.doesNotMatch(await rated.innerText(), /· Linli/);
  assert.deepEqual(await axeViolations(visitor.page), []);
  for (const p of [resident, staff, visitor]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});

test("staff set their community's deadlines; anyone searches matters by words", async () => {
  const staff = await openPage(browser);
  await signIn(staff.page, "staff@linli.demo");
  await staff.page.goto(BASE_URL + "/communities");
  await staff.page.locator(".results .card").first().click();
  await staff.page.getByRole("link", { name: "办理时限与类别" }).click();
  await staff.page.waitForURL(/\/settings$/);
  await hydrated(staff.page);
  assert.deepEqual(await axeViolations(staff.page), []);
  // The browser stops 61 itself (max="60"); without that check, as in an
  // old browser, the server answers beside the field.
  await staff.page.getByLabel("一般").evaluate((input) => input.removeAttribute("max"));
  await staff.page.getByLabel("一般").fill("61");
  await staff.page.getByRole("button", { name: "保存设置" }).click();
  await staff.page.waitForURL(/kept=1/);
  assert.equal(await staff.page.getByLabel("一般").getAttribute("aria-invalid"), "true");
  assert.equal(await staff.page.getByLabel("一般").inputValue(), "61", "what was typed is kept");
  await staff.page.getByLabel("一般").fill("4");
  await staff.page.getByLabel("其他").uncheck();
  await staff.page.getByRole("button", { name: "保存设置" }).click();
  await staff.page.waitForURL(/notice=saved/);
  assert.equal(await staff.page.getByLabel("一般").inputValue(), "4");
  assert.equal(await staff.page.getByLabel("其他").isChecked(), false);
  // Put it back, so other tests see the defaults.
  await staff.page.getByLabel("一般").fill("5");
  await staff.page.getByLabel("其他").check();
  await staff.page.getByRole("button", { name: "保存设置" }).click();
  await staff.page.waitForURL(/notice=saved/);

  // The demo city's matters are searchable by a Chinese word.
  const visitor = await openPage(browser);
  await visitor.page.goto(BASE_URL + "/matters");
  await hydrated(visitor.page);
  await visitor.page.locator("#matter-q").fill("电梯");
  await visitor.page.locator("#matter-q").press("Enter");
  await visitor.page.waitForURL(/q=/);
  const titles = await visitor.page.locator(".matter-card h3").allInnerTexts();
  assert.ok(titles.some((t) => t.includes("电梯")), "lift matters are found by their title");
  const other = await visitor.page.locator(".matter-card h3").filter({ hasText: "垃圾桶" }).count();
  assert.equal(other, 0, "matters about something else are not");
  for (const p of [staff, visitor]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});

test("a visitor signs in from the report form and comes back to it", async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(BASE_URL + "/communities");
  const community = await page.locator(".results .card").first().getAttribute("href");
  await page.goto(BASE_URL + community + "/report");
  await page.getByRole("heading", { name: "没有权限" }).waitFor();
  await page.getByRole("link", { name: "登录" }).last().click();
  await page.getByLabel("手机号或邮箱").fill("resident@linli.demo");
  await page.getByLabel("密码").fill("linli-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(BASE_URL + community + "/report");
  await page.getByRole("heading", { level: 1, name: "反映问题" }).waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes("401")), []);
  await context.close();
});

/** Staff sign in and register the matter as a general one; their page. */
async function registeredBy(matterUrl) {
  const staff = await openPage(browser);
  await signIn(staff.page, "staff@linli.demo");
  await staff.page.goto(matterUrl);
  await staff.page.getByLabel("等级").selectOption("general");
  await staff.page.getByRole("button", { name: "立案" }).click();
  await staff.page.waitForURL(/notice=step_register/);
  return staff;
}

/** Reports a matter in the person's own community from the front page. */
async function reportMatter(page, title) {
  await page.goto(BASE_URL + "/");
  await page.getByRole("link", { name: /反映问题/ }).click();
  await page.waitForURL(/\/report$/);
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("类别").selectOption("public_facilities");
  await page.getByLabel(/标题/).fill(title);
  await page.getByLabel("详细情况").fill("晚上不亮，老人上下楼看不清，请尽快修理。");
  await page.getByRole("button", { name: "提交" }).click();
  await page.waitForURL(/\/matters\/\d+\?notice=reported/);
  return page.url().split("?")[0];
}

test("similar matters appear while typing, and 我也遇到 supports one", async () => {
  const council = await openPage(browser);
  await signIn(council.page, "council@linli.demo");
  const words = `东门岗亭顶棚漏水${Date.now() % 100000}`;
  const matterUrl = await reportMatter(council.page, words);

  const { context, page, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await signIn(page, "resident@linli.demo");
  await page.goto(BASE_URL + "/");
  await page.getByRole("link", { name: /反映问题/ }).click();
  await page.waitForURL(/\/report$/);
  await hydrated(page);
  const field = page.getByLabel(/标题/);
  await field.click();
  await field.pressSequentially(words, { delay: 20 });
  // No blur: suggestions come while the person is still in the field.
  const panel = page.locator(".similar");
  await panel.waitFor({ timeout: 10_000 });
  assert.ok(await field.evaluate((el) => el === document.activeElement), "the title keeps focus");
  await panel.locator(".similar-card", { hasText: words }).getByRole("button", { name: "我也遇到" }).click();
  await page.waitForURL(new RegExp(`${matterUrl.split(BASE_URL)[1]}\\?notice=supported`));
  assert.deepEqual(problems, []);
  await council.context.close();
  await context.close();
});

test("a grid worker dispatched a matter hears of it and sees it waiting", async () => {
  const resident = await openPage(browser);
  await signIn(resident.page, "resident@linli.demo");
  const title = `3幢楼道灯不亮 ${Date.now() % 100000}`;
  const matterUrl = await reportMatter(resident.page, title);

  const staff = await registeredBy(matterUrl);
  await staff.page.locator("summary", { hasText: "派遣" }).click();
  await staff.page.locator("#dispatch-handler").selectOption({ label: "张网格员" });
  await staff.page.getByRole("button", { name: "派遣" }).click();
  await staff.page.waitForURL(/notice=step_dispatch/);

  const grid = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await signIn(grid.page, "grid@linli.demo");
  await grid.page.getByText("菜单", { exact: true }).click();
  const work = grid.page.getByRole("link", { name: /工作台/ });
  assert.match(await work.innerText(), /\d+/, "the work link says how much waits");
  await grid.page.goto(BASE_URL + "/inbox");
  assert.match(await grid.page.locator("main").innerText(), new RegExp(title));
  for (const p of [resident, staff, grid]) {
    assert.deepEqual(p.problems, []);
    await p.context.close();
  }
});

test("a report an app sent without a grid waits first in staff's queue, and is placed from a phone", async () => {
  const staff = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(staff.page, "staff@linli.demo");
  await staff.page.goto(BASE_URL + "/staff/matters");
  await hydrated(staff.page);
  const heading = staff.page.getByRole("heading", { name: "待定位的反映" });
  const firstMatter = staff.page.locator(".queue .matter-card").first();
  if ((await firstMatter.count()) > 0) {
    const [waitingTop, matterTop] = [await heading.boundingBox(), await firstMatter.boundingBox()];
    assert.ok(waitingTop.y < matterTop.y, "waiting reports come before the matters");
  }
  // The demo's report naming only the street is the street's communities' to place.
  const report = staff.page.locator(".waiting-report").filter({ hasText: "菜场后小路垃圾堆积" });
  assert.equal(await report.count(), 1);
  assert.deepEqual(await axeViolations(staff.page), []);
  const choice = report.getByLabel("放入网格");
  await choice.selectOption({ index: 1 });
  const grid = await choice.inputValue();
  await report.getByRole("button", { name: "放入这个网格" }).click();
  await staff.page.waitForURL(/\/matters\/\d+\?notice=placed/);
  await hydrated(staff.page);
  const main = await staff.page.locator("main").innerText();
  assert.match(main, /菜场后小路垃圾堆积/);
  assert.match(main, /已放入网格/);
  const id = new URL(staff.page.url()).pathname.split("/").pop();
  const open311 = await (await fetch(`${BASE_URL}/open311/v2/requests/${id}.json`)).json();
  assert.equal(open311[0].address_id, grid, "filed in the grid staff chose");
  await staff.page.goto(BASE_URL + "/staff/matters");
  assert.equal(await staff.page.locator(".waiting-report").filter({ hasText: "菜场后小路垃圾堆积" }).count(), 0);
  assert.deepEqual(staff.problems, []);
  await staff.context.close();
});

// The four lists in the browser: a resident on a phone follows a need to
// the project that meets it and on to the resources it uses; staff record
// a need (a mistake keeps what was typed) and start a project for it; the
// responsibilities list finds a grid's leader with a phone to call.
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

test("a resident follows a need to its project and the resources it uses", async () => {
  const { page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE_URL + "/");
  // On a phone the sections sit behind the menu button.
  await page.getByText("菜单", { exact: true }).click();
  await page.getByRole("link", { name: "四项清单" }).first().click();
  await page.waitForURL(/\/needs$/);
  await hydrated(page);
  const tabs = page.getByRole("navigation", { name: "四项清单" });
  assert.equal(await tabs.getByRole("link", { name: "需求清单" }).getAttribute("aria-current"), "page");

  await page.getByLabel("类别").selectOption("elderly");
  await page.getByRole("button", { name: "查找" }).click();
  await page.waitForURL(/kind=elderly/);
  const card = page.locator(".matter-card", { hasText: "独居和高龄老人午饭没有着落" });
  assert.match(await card.innerText(), /涉及 86 位居民/);
  await card.getByRole("link").click();
  await page.waitForURL(/\/needs\/\d+/);
  await page.getByRole("heading", { name: "解决这项需求的项目" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole("link", { name: "长者助餐点运营（一期）" }).click();
  await page.waitForURL(/\/projects\/\d+/);
  await page.getByText("解决的需求").waitFor();
  await page.getByRole("link", { name: "社区党群服务中心" }).click();
  await page.waitForURL(/\/resources\/\d+/);
  const main = await page.locator("main").innerText();
  assert.match(main, /1800 平方米/);
  assert.match(main, /无障碍/);
  assert.match(main, /长者助餐点运营（一期）/, "the resource lists the projects using it");
  assert.doesNotMatch(main, /值班电话/, "the owner's contact is for staff only");
  assert.deepEqual(await axeViolations(page), []);

  // The page's data, as a spreadsheet.
  await page.goto(BASE_URL + "/resources?kind=venue");
  const csv = await page.getByRole("link", { name: "表格（CSV）" }).getAttribute("href");
  const response = await page.request.get(BASE_URL + csv);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^\uFEFFid,community_code,community_name,kind,name/);
  assert.deepEqual(problems, []);
});

test("staff record a need, fix a mistake and start a project for it", async () => {
  const { page, problems } = await openPage(browser);
  await signIn(page, "staff@linli.demo");
  await page.goto(BASE_URL + "/needs");
  await hydrated(page);
  await page.locator(".start-links a").first().click();
  await page.waitForURL(/\/needs\/new$/);
  await hydrated(page);
  await page.getByLabel("需求名称").fill("楼下快递无处存放");
  await page.getByLabel("具体情况").fill("老小区没有快递柜，老人取件要走到两公里外的驿站。");
  await page.getByLabel("类别").selectOption("facilities");
  await page.getByLabel("来源").selectOption("staff");
  await page.getByRole("button", { name: "登记需求" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByLabel("需求名称").inputValue(), "楼下快递无处存放", "what was typed is kept");
  assert.equal(await page.getByLabel("涉及居民人数").getAttribute("aria-invalid"), "true");
  await page.getByLabel("涉及居民人数").fill("１２０");
  await page.getByRole("button", { name: "登记需求" }).click();
  await page.waitForURL(/\/needs\/\d+\?notice=added/);
  await page.getByText("已登记到清单。").waitFor();
  assert.match(await page.locator("main").innerText(), /涉及 120 位居民/);
  const need = page.url().match(/\/needs\/(\d+)/)[1];

  await page.getByRole("link", { name: "为这项需求发布项目" }).click();
  await page.waitForURL(/projects\/new/);
  await hydrated(page);
  assert.equal(await page.getByLabel("解决的需求编号（可选）").inputValue(), need, "the need is filled in");

  // Listed as planned first; its call follows from the project's page.
  await page.getByLabel("先列入项目清单，暂不发布征集").check();
  await page.getByLabel("项目名称").fill("小区门口快递柜");
  await page.getByLabel("项目简介").fill("在小区门口设一组快递柜，方便老人就近取件。");
  await page.getByLabel("预算上限（元）").fill("30000");
  await page.getByRole("button", { name: "发布征集" }).click();
  await page.waitForURL(/\/projects\/\d+\?notice=p_published/);
  await hydrated(page);
  assert.match(await page.locator("main").innerText(), /计划中[\s\S]*楼下快递无处存放/);
  const week = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  await page.getByLabel("服务要求").fill("在小区东门和南门各设一组快递柜，每组不少于 40 格。");
  await page.getByLabel("投标资格").fill("本街道登记并核验的社会组织");
  await page.getByLabel("投标截止时间").fill(week);
  await page.getByLabel("评审专家").fill("expert1@linli.demo");
  await page.getByRole("button", { name: "发布征集" }).click();
  await page.waitForURL(/notice=p_open-call/);
  assert.match(await page.locator("main").innerText(), /征集中/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});

test("anyone finds who answers for a grid, with a phone to call", async () => {
  const { page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE_URL + "/responsibilities");
  await hydrated(page);
  await page.getByLabel("职责").selectOption("grid_leader");
  await page.getByRole("button", { name: "查找" }).click();
  await page.waitForURL(/kind=grid_leader/);
  const first = page.locator(".matter-card").first();
  assert.match(await first.innerText(), /网格长/);
  assert.match(await first.getByRole("link").first().getAttribute("href"), /^tel:1\d{10}$/);
  // Keyset pages: the next page starts after the last entry shown.
  const last = await page.locator(".matter-card").last().innerText();
  await page.getByRole("link", { name: "下一页" }).click();
  await page.waitForURL(/from=\d+/);
  assert.notEqual(await page.locator(".matter-card").first().innerText(), last);
  assert.deepEqual(await axeViolations(page), []);

  const en = await openPage(browser, { lang: "en" });
  await en.page.goto(BASE_URL + "/responsibilities?kind=police");
  assert.match(await en.page.locator(".matter-card").first().innerText(), /Community police officer/);
  assert.deepEqual(en.problems, []);
  assert.deepEqual(problems, []);
});

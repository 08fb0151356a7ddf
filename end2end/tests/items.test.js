// The item list in the browser: from a community's page a resident opens
// its list, asks where to get a certificate and learns where to go, on a
// phone, in both languages; a street department proposes a new item and
// it is listed only once every reviewing department approves.
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

test("a resident asks the item list who issues a residence certificate", async () => {
  const { page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE_URL + "/communities?q=3302");
  await page.locator(".results .card").first().click();
  await page.getByRole("link", { name: "事项清单" }).click();
  await page.waitForURL(/\/items$/);
  await hydrated(page);
  // The four parts, each reachable from the contents (the link navigates
  // inside the hydrated app, so the list may still be loading).
  for (const part of ["依法履行职责事项", "依法协助政府工作事项", "不应由社区承担的工作", "不应由社区出具的证明"]) {
    await page.getByRole("heading", { name: part }).waitFor();
  }
  await page.getByRole("link", { name: "不应由社区出具的证明" }).click();
  await page.waitForURL(/#items-no-certificate$/);

  await page.getByLabel("您想办什么事？").fill("谁开居住证明");
  await page.getByRole("button", { name: "查找" }).click();
  await page.waitForURL(/q=/);
  const first = page.locator(".item-card").first();
  assert.match(await first.innerText(), /居住证明/);
  assert.match(await first.innerText(), /请找[\s\S]*派出所/);
  assert.equal(await page.getByLabel("您想办什么事？").inputValue(), "谁开居住证明");
  assert.deepEqual(await axeViolations(page), []);

  await page.getByLabel("您想办什么事？").fill("火箭发射");
  await page.getByRole("button", { name: "查找" }).click();
  await page.waitForURL(/q=%E7%81%AB/);
  assert.match(await page.locator("main").innerText(), /清单里没有找到相关事项/);
  await page.getByRole("link", { name: "查看完整清单" }).click();
  await page.waitForURL(/\/items$/);
  await page.getByRole("heading", { name: "依法履行职责事项" }).waitFor();
  assert.deepEqual(problems, []);

  const en = await openPage(browser, { lang: "en" });
  await en.page.goto(page.url() + "?q=marriage");
  assert.match(await en.page.locator(".item-card").first().innerText(), /marital status[\s\S]*Go to/);
  assert.deepEqual(en.problems, []);
});

test("a street department proposes an item and it is listed only after every review", async () => {
  const { context, page } = await openPage(browser);
  // The community office's clerk files; the street officer reviews it.
  await signIn(page, "staff@linli.demo");
  await page.goto(BASE_URL + "/staff/admission");
  await hydrated(page);
  assert.deepEqual(await axeViolations(page), []);
  const first = await (await page.request.get(BASE_URL + "/api/v1/communities?limit=1")).json();
  const code = first.items[0].code;
  const title = `协助开展防汛巡查 ${Date.now() % 100000}`;
  await page.getByLabel("提议部门").selectOption({ label: "社区建设办公室" });
  await page.getByLabel("社区代码").fill(code);
  await page.getByLabel("提议内容").selectOption("assist");
  await page.getByLabel("事项名称", { exact: true }).fill(title);
  await page.getByLabel("依据或承办单位", { exact: true }).fill("《中华人民共和国防洪法》");
  await page.getByLabel("英文名称（可选）").fill(`Help with flood patrols ${title.split(" ")[1]}`);
  await page.getByLabel("提议理由").fill("短");
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/kept=1/);
  assert.equal(await page.getByLabel("事项名称", { exact: true }).inputValue(), title, "what was typed stays");
  assert.equal(await page.getByLabel("提议理由").getAttribute("aria-invalid"), "true");
  await page.getByLabel("提议理由").fill("汛期需要社区协助巡查低洼地段并转移老人，应纳入协助事项。");
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.waitForURL(/notice=a_proposed/);
  assert.equal(await page.locator(".proposal", { hasText: title }).count(), 0, "nobody reviews their own proposal");
  await context.clearCookies();
  await signIn(page, "street@linli.demo");

  // Every reviewing department approves in turn; the list changes at the last.
  const list = async () => {
    await page.goto(`${BASE_URL}/communities/${code}/items`);
    return page.locator("main").innerText();
  };
  for (const [i, department] of ["民政科", "司法所", "综合行政执法队"].entries()) {
    await page.goto(BASE_URL + "/staff/admission");
    await hydrated(page);
    const card = page.locator(".proposal", { hasText: title });
    await card.waitFor();
    const review = page.locator(`form:has(h3:text("以“${department}”身份审核"))`).last();
    await review.getByLabel("审核意见").fill("同意纳入。");
    await review.getByRole("button", { name: "同意", exact: true }).click();
    await page.waitForURL(/notice=a_reviewed/);
    if (i < 2) assert.doesNotMatch(await list(), new RegExp(title), `not listed after ${department}`);
  }
  assert.match(await list(), new RegExp(title));
  await page.getByRole("link", { name: "准入记录" }).click();
  await page.waitForURL(/\/items\/history$/);
  const history = page.locator(".proposal", { hasText: title });
  await history.waitFor();
  assert.match(await history.innerText(), /已生效[\s\S]*民政科 · 同意[\s\S]*司法所 · 同意[\s\S]*综合行政执法队 · 同意/);
  assert.deepEqual(await axeViolations(page), []);

  // The English list shows the English the proposal carried.
  const en = await openPage(browser, { lang: "en" });
  await en.page.goto(`${BASE_URL}/communities/${code}/items`);
  assert.match(await en.page.locator("main").innerText(), new RegExp(`Help with flood patrols ${title.split(" ")[1]}`));
  await context.close();
});

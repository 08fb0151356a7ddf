// The item list in the browser: from a community's page a resident opens
// its list, asks where to get a certificate and learns where to go, on a
// phone, in both languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations } from "./support.js";

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

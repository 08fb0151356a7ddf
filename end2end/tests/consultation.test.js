// A consultation at city scale in the browser (the demo's 2,000 people,
// 300 statements and 100,000+ votes): a resident on a phone is put one
// statement at a time, the ones with the fewest votes first, votes on it
// and is put the next; the list of statements comes in pages; the opinion
// groups show how each statement bridges them, with the flagged ones
// marked. Without JavaScript the same. The page's load time is printed,
// not asserted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, hydrated, axeViolations, signIn } from "./support.js";

const PHONE = { width: 390, height: 844 };
const TITLE = "老旧小区改造，先改什么？";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function consultationUrl(page) {
  await page.goto(BASE_URL + "/deliberations");
  const href = await page.getByRole("link", { name: TITLE }).first().getAttribute("href");
  return BASE_URL + href;
}

test("a resident on a phone is put the next statement, votes, and pages through the rest", async () => {
  const { page, problems } = await openPage(browser, { viewport: PHONE });
  await signIn(page, "resident@linli.demo");
  const url = await consultationUrl(page);
  const started = Date.now();
  await page.goto(url);
  const loaded = Date.now() - started;
  await hydrated(page);
  console.log(`city-scale consultation page: loaded in ${loaded} ms (server render and transfer), ${Date.now() - started} ms hydrated`);

  const next = page.locator("#next-statement");
  const first = await next.locator(".statement-body").innerText();
  assert.match(await next.innerText(), /还有 \d+ 条等您表态/);
  await next.getByRole("button", { name: "同意", exact: true }).click();
  await page.waitForURL(/notice=d_next-statement/);
  const second = await page.locator("#next-statement .statement-body").innerText();
  assert.notEqual(second, first, "the next statement is another one");
  // The vote is kept: the statement is found in the list with "agree" pressed.
  let found = false;
  for (let p = 1; p <= 15 && !found; p++) {
    await page.goto(`${url}?sp=${p}`);
    const item = page.locator(".statement", { hasText: first }).first();
    if ((await item.count()) > 0) {
      assert.equal(await item.getByRole("button", { name: "同意", exact: true }).getAttribute("aria-pressed"), "true");
      found = true;
    }
  }
  assert.ok(found, "the statement voted on is in the list");

  // Pages of twenty, with a pager.
  await page.goto(url);
  await hydrated(page);
  assert.equal(await page.locator(".statement-list .statement").count(), 20);
  assert.match(await page.locator("#all-statements").innerText(), /全部观点（300 条）/);
  await page.getByRole("navigation", { name: "观点分页" }).getByRole("link", { name: "下一页" }).click();
  await page.waitForURL(/sp=2/);
  assert.match(await page.getByRole("navigation", { name: "观点分页" }).innerText(), /第 2 页，共 15 页/);

  // Bridging beside consensus, and the groups' stability in plain words.
  assert.ok((await page.locator(".bridging-list li").count()) >= 10);
  assert.match(await page.locator(".stability").innerText(), /分组稳定性/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});

test("without JavaScript the statement put next takes the vote the same way", async () => {
  const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "zh-CN" });
  const page = await plain.newPage();
  await signIn(page, "council@linli.demo");
  await page.goto(await consultationUrl(page));
  const first = await page.locator("#next-statement .statement-body").innerText();
  await page.locator("#next-statement").getByRole("button", { name: "不同意", exact: true }).click();
  await page.waitForURL(/notice=d_next-statement/);
  assert.notEqual(await page.locator("#next-statement .statement-body").innerText(), first);
  await plain.close();
});

test("in English the consultation's new parts read in English", async () => {
  const { page, problems } = await openPage(browser, { lang: "en" });
  await page.goto(await consultationUrl(page));
  assert.match(await page.locator("#all-statements").innerText(), /All statements \(300\)/);
  const first = await page.locator(".bridging-list li").first().innerText();
  assert.match(first, /Group consensus/);
  assert.match(first, /Bridging/);
  assert.deepEqual(problems, []);
});

// What the browser is sent, and everything done without JavaScript.
// A first visit to any page type downloads at most 120 KB (brotli) of
// wasm, js and css; a page without islands downloads no script at all; the
// files are cached for a year. With JavaScript off, each page type's main
// form still does its job.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, signIn } from "./support.js";

const BUDGET = 120 * 1024;
const PHONE = { width: 360, height: 740 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A fresh phone-sized page, optionally signed in and without JavaScript. */
async function fresh({ login, javaScript = true } = {}) {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", javaScriptEnabled: javaScript });
  const page = await context.newPage();
  if (login) await signIn(page, login);
  return { context, page };
}

/** The wasm, js and css `path` makes a first visit download, as sent. */
async function firstLoad(page, path) {
  const files = [];
  const listen = (request) => {
    if (/\.(wasm|js|css)$/.test(new URL(request.url()).pathname)) {
      files.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize })));
    }
  };
  page.on("requestfinished", listen);
  await page.goto(BASE_URL + path, { waitUntil: "networkidle" });
  page.off("requestfinished", listen);
  return Promise.all(files);
}

test("a first visit to any page type downloads at most 120 KB of wasm, js and css", async () => {
  const { context, page } = await fresh();
  await page.goto(BASE_URL + "/communities");
  const community = await page.locator(".results .card a, a.card").first().getAttribute("href");
  await context.close();
  const visits = [
    [null, "/", false],
    [null, "/matters", false],
    [null, "/matters/1", true],
    [null, "/deliberations/2", true],
    [null, "/projects/1", false],
    [null, community, true],
    ["resident@linli.demo", `${community}/report`, true],
    ["resident@linli.demo", "/account", false],
  ];
  for (const [login, path, islands] of visits) {
    const { context, page } = await fresh({ login });
    // Signing in already fetched the stylesheet: start from an empty cache.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    const files = await firstLoad(page, path);
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    const listed = files.map((f) => `${new URL(f.url).pathname} ${f.bytes} B`).join(", ");
    assert.ok(total <= BUDGET, `${path}: ${total} B > ${BUDGET} B (${listed})`);
    const wasm = files.some((f) => f.url.endsWith(".wasm"));
    assert.equal(wasm, islands, `${path}: ${islands ? "its islands need" : "no island needs"} the wasm (${listed})`);
    if (islands) {
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    }
    await context.close();
  }
});

test("the browser's files have hashed names, a year's cache lifetime and brotli", async () => {
  const html = await (await fetch(BASE_URL + "/matters/1")).text();
  const urls = [...html.matchAll(/\/pkg\/linli\.[A-Za-z0-9_-]+\.(?:css|js|wasm)/g)].map((m) => m[0]);
  assert.deepEqual([...new Set(urls.map((u) => u.split(".").pop()))].sort(), ["css", "js", "wasm"]);
  for (const url of new Set(urls)) {
    const response = await fetch(BASE_URL + url, { headers: { "accept-encoding": "br" } });
    assert.equal(response.status, 200, url);
    assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable", url);
    assert.equal(response.headers.get("content-encoding"), "br", url);
  }
  assert.match(html, /<meta name="description" content="[^"]{10,}"/);
});

test("without JavaScript a resident signs in, finds similar matters, reports one and makes a token", async () => {
  const { context, page } = await fresh({ login: "resident@linli.demo", javaScript: false });
  await page.goto(BASE_URL + "/");
  await page.getByRole("link", { name: /反映问题/ }).click();
  await page.waitForURL(/\/report$/);
  const title = `无脚本：楼下路灯不亮 ${Date.now() % 100000}`;
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("类别").selectOption("public_facilities");
  await page.getByLabel(/标题/).fill("路灯");
  await page.getByRole("button", { name: "先看看有没有人反映过" }).click();
  await page.waitForURL(/title=/);
  assert.equal(await page.getByLabel(/标题/).inputValue(), "路灯", "the form keeps what was typed");
  assert.equal(await page.locator("leptos-island").count() > 0, true, "the page still has its islands, asleep");
  await page.getByLabel(/标题/).fill(title);
  await page.getByLabel("详细情况").fill("晚上不亮，老人上下楼看不清。");
  await page.getByLabel("纬度").fill("30.27");
  await page.getByLabel("经度").fill("120.15");
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await page.waitForURL(/\/matters\/\d+\?notice=reported/);
  assert.equal(await page.locator("h1").innerText(), title);

  await page.goto(BASE_URL + "/account");
  await page.getByRole("button", { name: "生成令牌" }).click();
  await page.waitForURL(/which=token/);
  assert.equal(await page.getByLabel(/令牌用途/).getAttribute("aria-invalid"), "true");
  await page.getByLabel(/令牌用途/).fill("无脚本的脚本");
  await page.getByRole("button", { name: "生成令牌" }).click();
  const secret = (await page.locator("#new-token").innerText()).trim();
  assert.match(secret, /^linli_[0-9a-f]{64}$/);
  const me = await fetch(BASE_URL + "/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(me.status, 200);
  await context.close();
});

test("without JavaScript the grid filter, a statement vote and invitation codes work", async () => {
  const visitor = await fresh({ javaScript: false });
  await visitor.page.goto(BASE_URL + "/communities?q=" + encodeURIComponent("社区"));
  await visitor.page.locator(".results .card").first().click();
  await visitor.page.getByLabel("筛选网格").fill("第3网格");
  await visitor.page.getByRole("button", { name: "筛选", exact: true }).click();
  await visitor.page.waitForURL(/grid=/);
  const shown = visitor.page.locator(".grid-table tbody tr:not([hidden])");
  assert.equal(await shown.count(), 1);
  assert.match(await shown.first().innerText(), /第3网格/);
  assert.match(await visitor.page.locator("#grid-count").innerText(), /显示 1 \//);
  await visitor.context.close();

  const resident = await fresh({ login: "council@linli.demo", javaScript: false });
  await resident.page.goto(BASE_URL + "/deliberations");
  await resident.page.getByRole("link", { name: "小区停车位怎么分配" }).first().click();
  // Whichever way this voter stands on the first statement, they change it.
  const first = () => resident.page.locator(".statement").first();
  const agree = first().getByRole("button", { name: "同意", exact: true });
  const choice = (await agree.getAttribute("aria-pressed")) === "true" ? "不同意" : "同意";
  await first().getByRole("button", { name: choice, exact: true }).click();
  await resident.page.waitForURL(/notice=d_statements-/);
  assert.equal(await first().getByRole("button", { name: choice, exact: true }).getAttribute("aria-pressed"), "true");
  await resident.context.close();

  const staff = await fresh({ login: "staff@linli.demo", javaScript: false });
  await staff.page.goto(BASE_URL + "/staff/memberships");
  await staff.page.getByLabel("数量").fill("2");
  await staff.page.getByRole("button", { name: "生成邀请码" }).click();
  const codes = await staff.page.locator(".codes li").allInnerTexts();
  assert.equal(codes.length, 2);
  assert.ok(codes.every((c) => /^[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(c.trim())));
  await staff.context.close();
});

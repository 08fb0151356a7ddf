// Signing up, in and out in the browser, without and with mistakes.
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

test("sign up with mistakes, fix them, land on the account page, sign out", async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE_URL + "/sign-up");
  await page.getByLabel("称呼").fill("孙奶奶");
  await page.getByLabel("手机号或邮箱").fill("1381234");
  await page.getByLabel("密码", { exact: true }).fill("short");
  await page.getByLabel("再次输入密码").fill("short");
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL(/\/sign-up\?/);

  // What was typed is still there (never the password), errors sit beside their fields.
  assert.equal(await page.getByLabel("称呼").inputValue(), "孙奶奶");
  assert.equal(await page.getByLabel("手机号或邮箱").inputValue(), "1381234");
  assert.equal(await page.getByLabel("密码", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel("手机号或邮箱").getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#field-login-error").innerText(), /请填写手机号/);
  assert.match(await page.locator("#field-password-error").innerText(), /至少需要 8 个字符/);
  assert.deepEqual(await axeViolations(page), []);

  const phone = `139${String(Date.now()).slice(-8)}`;
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("密码", { exact: true }).fill("morning tea in the park");
  await page.getByLabel("再次输入密码").fill("morning tea in the park");
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL(/\/account\?notice=welcome/);
  assert.equal(await page.locator("h1").innerText(), "孙奶奶");
  assert.match(await page.getByRole("status").first().innerText(), /欢迎加入邻里/);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "linli_session");
  assert.ok(session?.httpOnly, "the session cookie is HttpOnly");
  assert.equal(session.sameSite, "Lax");
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(BASE_URL + "/");
  assert.ok(await page.getByRole("navigation", { name: "账户" }).getByRole("link", { name: "登录" }).isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test("a demo staff member signs in and sees their roles; a wrong password is explained", async () => {
  const { context, page, problems } = await openPage(browser, { lang: "en" });
  await page.goto(BASE_URL + "/sign-in");
  await hydrated(page);
  await page.getByLabel("Mobile number or email").fill("staff@linli.demo");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/error=bad_credentials/);
  assert.match(await page.getByRole("alert").innerText(), /not right/);
  assert.equal(await page.getByLabel("Mobile number or email").inputValue(), "staff@linli.demo");

  await page.getByLabel("Password").fill("linli-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/account$/);
  const roles = page.locator('section[aria-labelledby="roles-heading"]');
  assert.match(await roles.innerText(), /Community staff/);
  // Places by name, never as bare 17-digit codes.
  assert.match(await roles.innerText(), /Cuiyuan/);
  assert.doesNotMatch(await roles.innerText(), /\d{17}/);
  assert.ok(await page.getByRole("link", { name: "陈社工" }).isVisible(), "the header names the person");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the account page asks visitors to sign in", async () => {
  const { context, page } = await openPage(browser);
  const response = await page.goto(BASE_URL + "/account");
  assert.equal(response.status(), 401);
  assert.ok(await page.getByRole("link", { name: "登录" }).first().isVisible());
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("a resident makes an API token, sees it once, uses it and revokes it", async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(BASE_URL + "/sign-in?next=%2Faccount");
  await hydrated(page);
  await page.getByLabel("手机号或邮箱").fill("resident@linli.demo");
  await page.getByLabel("密码").fill("linli-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/account/);
  await hydrated(page);

  // A blank name is explained beside the field.
  await page.getByRole("button", { name: "生成令牌" }).click();
  await page.locator("#token-name-error", { hasText: "请填写此项" }).waitFor();
  assert.equal(await page.getByLabel(/令牌用途/).getAttribute("aria-invalid"), "true");

  const name = `大屏 ${Date.now()}`;
  await page.getByLabel(/令牌用途/).fill(name);
  await page.getByRole("button", { name: "生成令牌" }).click();
  const secret = (await page.locator("#new-token").innerText()).trim();
  assert.match(secret, /^linli_[0-9a-f]{64}$/);
  const row = page.locator(".token-row", { hasText: name });
  await row.waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // The token works for a script, without cookies.
  const me = await fetch(BASE_URL + "/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).display_name, "王阿姨（居民）");

  // Coming back to the page, the secret is gone for good; only the name remains.
  await page.goto(BASE_URL + "/account");
  assert.equal(await page.locator("#new-token").count(), 0);
  await row.getByRole("button", { name: "撤销" }).click();
  await page.waitForURL(/notice=token_revoked/);
  assert.equal(await page.locator(".token-row", { hasText: name }).count(), 0);
  const after = await fetch(BASE_URL + "/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(after.status, 401);
  assert.equal((await after.json()).error.code, "invalid_token");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the API page lists the endpoints and passes axe", async () => {
  const { context, page, problems } = await openPage(browser, { lang: "en" });
  await page.goto(BASE_URL + "/");
  await page.getByRole("link", { name: "Open API" }).click();
  await page.waitForURL(/\/api$/);
  assert.equal(await page.locator("h1").innerText(), "The Linli API");
  assert.ok(await page.getByRole("cell", { name: "/api/v1/communities/{code}", exact: true }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
  const doc = await fetch(BASE_URL + "/api/v1/openapi.json");
  assert.equal((await doc.json()).info.title, "Linli API");
  assert.deepEqual(problems, []);
  await context.close();
});

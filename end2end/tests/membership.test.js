// Joining a community: with an invitation code it takes effect at once; without
// one, community staff verify the request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, openPage, axeViolations, signIn } from "./support.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function signUp(page, name) {
  const phone = `137${String(Date.now() + Math.floor(Math.random() * 1000)).slice(-8)}`;
  await page.goto(BASE_URL + "/sign-up");
  await page.getByLabel("称呼").fill(name);
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("密码", { exact: true }).fill("morning tea in the park");
  await page.getByLabel("再次输入密码").fill("morning tea in the park");
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL(/\/account\?notice=welcome/);
}

/** The demo staff member's community: the first one in the directory. */
async function staffCommunity(page) {
  await page.goto(BASE_URL + "/communities");
  const href = await page.locator(".results .card").first().getAttribute("href");
  return href.split("/").pop();
}

async function fillAddress(page, room) {
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("楼栋").fill("3幢");
  await page.getByLabel("房号").fill(room);
}

test("sign up, join with an invitation code, and be a resident at once", async () => {
  // Staff make a code at the staff desk.
  const staff = await openPage(browser);
  await signIn(staff.page, "staff@linli.demo");
  await staff.page.goto(BASE_URL + "/staff/memberships");
  await staff.page.getByLabel("数量").fill("2");
  await staff.page.getByRole("button", { name: "生成邀请码" }).click();
  await staff.page.locator(".codes li").first().waitFor();
  const code = (await staff.page.locator(".codes li").first().innerText()).trim();
  assert.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  assert.deepEqual(await axeViolations(staff.page), []);

  const resident = await openPage(browser);
  await signUp(resident.page, "周阿婆");
  const community = await staffCommunity(resident.page);
  await resident.page.goto(`${BASE_URL}/communities/${community}/join`);
  assert.deepEqual(await axeViolations(resident.page), []);
  await fillAddress(resident.page, "101");
  await resident.page.getByLabel("邀请码（可不填）").fill(code.toLowerCase().replace("-", " "));
  await resident.page.getByRole("button", { name: "提交申请" }).click();
  await resident.page.waitForURL(/notice=joined_verified/);
  assert.match(await resident.page.locator(".role-list").first().innerText(), /已核实/);
  assert.match(await resident.page.locator("#roles-heading + .role-list").innerText(), /居民/);
  assert.deepEqual(resident.problems, []);
  await resident.context.close();
  await staff.context.close();
});

test("a request without a code waits until staff verify it", async () => {
  const resident = await openPage(browser);
  await signUp(resident.page, "吴大伯");
  const community = await staffCommunity(resident.page);
  await resident.page.goto(`${BASE_URL}/communities/${community}/join`);

  // A mistake first: no room number. What was typed stays.
  await resident.page.getByLabel("所在网格").selectOption({ index: 1 });
  await resident.page.getByLabel("楼栋").fill("5幢");
  await resident.page.getByRole("button", { name: "提交申请" }).click();
  await resident.page.waitForURL(/kept=1/);
  assert.equal(await resident.page.getByLabel("楼栋").inputValue(), "5幢");
  assert.match(await resident.page.locator("#field-room-error").innerText(), /请填写此项/);
  await resident.page.getByLabel("房号").fill("702");
  await resident.page.getByRole("button", { name: "提交申请" }).click();
  await resident.page.waitForURL(/notice=joined_pending/);
  assert.match(await resident.page.locator(".role-list").first().innerText(), /等待核实/);

  const staff = await openPage(browser);
  await signIn(staff.page, "staff@linli.demo");
  await staff.page.getByRole("link", { name: "社区管理" }).click();
  await staff.page.waitForURL(/\/staff\/memberships/);
  const card = staff.page.getByRole("article", { name: "吴大伯" });
  assert.match(await card.innerText(), /5幢 702/);
  await card.getByRole("button", { name: "核实通过" }).click();
  await staff.page.waitForURL(/notice=decided/);
  assert.equal(await staff.page.getByRole("article", { name: "吴大伯" }).count(), 0);
  assert.deepEqual(await axeViolations(staff.page), []);

  // The decision is in the audit log of the staff member's area.
  await staff.page.getByRole("link", { name: "操作记录" }).click();
  await staff.page.waitForURL(/\/staff\/audit/);
  await staff.page.locator(".grid-table tbody tr").first().waitFor();
  assert.match(await staff.page.locator(".grid-table tbody").innerText(), /membership\.approve/);
  assert.deepEqual(await axeViolations(staff.page), []);

  await resident.page.goto(BASE_URL + "/account");
  assert.match(await resident.page.locator(".role-list").first().innerText(), /已核实/);
  await resident.context.close();
  await staff.context.close();
});

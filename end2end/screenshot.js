// Takes a screenshot of a page for a person to look at:
//   node end2end/screenshot.js URL out.png [width] [lang]
// With LINLI_LOGIN=someone@linli.demo (and LINLI_E2E_URL=the origin) it
// signs in first, with the demo password.
// A page taller than 1600 px is also cut into out-1.png, out-2.png, …
// so each part can be looked at at full size.
import { launch, openPage, signIn } from "./tests/support.js";

const [url, out, width = "1280", lang] = process.argv.slice(2);
const browser = await launch();
const { page, problems } = await openPage(browser, {
  lang,
  viewport: { width: Number(width), height: 900 },
});
if (process.env.LINLI_LOGIN) {
  await signIn(page, process.env.LINLI_LOGIN);
}
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: true });
const height = await page.evaluate(() => document.documentElement.scrollHeight);
const part = 1600;
if (height > part) {
  for (let y = 0, n = 1; y < height; y += part, n += 1) {
    const clip = { x: 0, y, width: Number(width), height: Math.min(part, height - y) };
    await page.screenshot({ path: out.replace(/\.png$/, `-${n}.png`), fullPage: true, clip });
  }
}
if (problems.length) console.error(problems.join("\n"));
await browser.close();

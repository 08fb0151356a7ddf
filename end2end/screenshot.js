// Takes a screenshot of a page for a person to look at:
//   node end2end/screenshot.js URL out.png [width] [lang]
import { launch, openPage } from "./tests/support.js";

const [url, out, width = "1280", lang] = process.argv.slice(2);
const browser = await launch();
const { page, problems } = await openPage(browser, {
  lang,
  viewport: { width: Number(width), height: 900 },
});
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: true });
if (problems.length) console.error(problems.join("\n"));
await browser.close();

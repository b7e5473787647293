// `npx tsx scripts/screenshot.ts URL OUT.png [email password] [--width 390 --height 844] [--first-screen]`:
// a headless Chromium screenshot of a page, logging in first when a login is given.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from './browser/chromium';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '1280' }, height: { type: 'string', default: '900' }, 'first-screen': { type: 'boolean', default: false } },
});
const [url, out, email, password] = positionals;
if (!url || !out) {
  console.error('usage: screenshot URL OUT.png [email password] [--width N] [--height N] [--first-screen]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
if (email && password) {
  await page.goto(new URL('/login', url).toString());
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}
await page.goto(url);
// --first-screen captures only the first screen (long pages are unreadable when scaled down).
await page.screenshot({ path: out, fullPage: !values['first-screen'] });
await browser.close();
console.log(out);

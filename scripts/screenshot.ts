// `npx tsx scripts/screenshot.ts URL OUT.png [email password]`: a headless
// Chromium screenshot of a page, logging in first when a login is given.
import { chromium } from 'playwright-core';
import { chromiumExecutable, chromiumArgs } from './browser/chromium';

const [url, out, email, password] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: screenshot URL OUT.png [email password]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: Number(process.env.WIDTH ?? 1280), height: Number(process.env.HEIGHT ?? 900) } });
if (email && password) {
  await page.goto(new URL('/login', url).toString());
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}
await page.goto(url);
// FULL_PAGE=0 captures only the first screen (long pages are unreadable when scaled down).
await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE !== '0' });
await browser.close();
console.log(out);

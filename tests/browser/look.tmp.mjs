import path from 'node:path';
import { serveDist, launchBrowser, artifactsDir } from './support.mjs';
const site = await serveDist();
const browser = await launchBrowser();
for (const [locale, input] of [['nl-NL', 'Telnet-commando'], ['zh-CN', 'telnet 命令']]) {
  const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(site.url + '#scenario=greylisting');
  await page.locator('.narration').waitFor();
  await page.waitForTimeout(1500);
  await page.getByRole('tab', { name: 'Telnet', exact: true }).click();
  const box = page.getByRole('textbox', { name: input });
  await box.waitFor();
  for (const l of ['help', 'b64 plain john john-pass', 'telnet smtp.isp.example 587', 'EHLO john-pc', 'MAIL FROM:<john@isp.example>']) {
    await box.fill(l); await box.press('Enter'); await page.waitForTimeout(150);
  }
  await page.locator('.telnet').screenshot({ path: path.join(artifactsDir, `look-${locale}-telnet.png`) });
  await page.evaluate(() => { document.querySelector('.telnet-log').scrollTop = 0; });
  await page.waitForTimeout(300);
  await page.locator('.telnet-log').screenshot({ path: path.join(artifactsDir, `look-${locale}-help.png`) });
  await page.getByRole('tab', { name: locale === 'nl-NL' ? 'Regel' : '行', exact: true }).click().catch(() => {});
  await page.locator('body').press('Home'); for (let i = 0; i < 3; i++) await page.locator('body').press('ArrowRight');
  // The narration at a step with an event summary (a DNS answer), and the sender checks of a delivered message.
  await page.screenshot({ path: path.join(artifactsDir, `look-${locale}-page.png`) });
  await ctx.close();
}
await browser.close();
site.stop();

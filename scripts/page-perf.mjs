#!/usr/bin/env node
// Prints the page's performance figures against the release bundle in dist/
// (build it first with scripts/build.sh):
//   1. bundle sizes, wasm + js + css, raw and gzip (scripts/bundle-size.sh);
//   2. navigation to the first interactive frame (the app's `mailsim-ready`
//      performance mark, set in the first animation frame after mounting),
//      median of 5 cold loads in headless Chromium on localhost, and 5 with
//      the network throttled to 10 Mbit/s and 40 ms round trips (a school
//      network; LOADS_ONLY=1 stops after these);
//   3. the longest long task (PerformanceObserver 'longtask') while playing a
//      1,000-event trace at 4x, and while jumping around it;
//   4. the telnet pane: Enter to the reply line in the DOM, for 30 NOOPs to
//      mail.dave.example, fresh and after 1,000 pasted lines.
// Goals: < 350 KB gzip, < 500 ms (1.5 s throttled), no long task > 50 ms, reply within a frame (16 ms).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { serveDist, launchBrowser, repoRoot } from '../tests/browser/support.mjs';

class LoadsOnly extends Error {}
const PLAY_SECONDS = Number(process.env.PLAY_SECONDS || 20);

console.log('== bundle (scripts/bundle-size.sh)');
console.log(execFileSync(path.join(repoRoot, 'scripts/bundle-size.sh'), { encoding: 'utf8' }).trimEnd());

const server = await serveDist();
const browser = await launchBrowser();
const observe = () => {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};
try {
  // Cold loads (a fresh context each: no HTTP cache, no service worker yet),
  // on localhost and on a school network: 10 Mbit/s both ways and 40 ms
  // round trips, set with CDP's Network.emulateNetworkConditions.
  const coldLoads = async (network) => {
    const ready = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await ctx.newPage();
      if (network) {
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
      }
      await page.goto(server.url);
      await page.waitForSelector('main#app[data-ready="true"]', { timeout: 60_000 });
      ready.push(await page.evaluate(() => performance.getEntriesByName('mailsim-ready')[0].startTime));
      await ctx.close();
    }
    ready.sort((a, b) => a - b);
    return `median ${ready[2].toFixed(0)} ms (runs: ${ready.map((r) => r.toFixed(0)).join(', ')} ms)`;
  };
  console.log(`== navigation to first interactive frame, localhost: ${await coldLoads(null)}; goal < 500 ms`);
  const school = { latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (10e6 / 8) };
  console.log(`== navigation to first interactive frame, throttled to 10 Mbit/s and 40 ms RTT: ${await coldLoads(school)}; goal < 1500 ms`);
  if (process.env.LOADS_ONLY) throw new LoadsOnly();

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.addInitScript(observe);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}?bench=1000`);
  await page.waitForSelector('main#app[data-ready="true"]', { timeout: 60_000 });
  const len = Number((await page.locator('.position').innerText()).split('/')[1]);
  const loadReady = await page.evaluate(() => performance.getEntriesByName('mailsim-ready')[0].startTime);
  const loadTasks = await page.evaluate(() => window.__longtasks.slice());
  console.log(`== 1,000-event trace: ${len} events; building it (running the world ${len >= 1000 ? 'in the page' : ''}) and mounting took ${loadReady.toFixed(0)} ms; longest long task during load ${Math.max(0, ...loadTasks.map((t) => t.duration)).toFixed(0)} ms (not counted below)`);

  // Start mid-way so every frame derives views over hundreds of events.
  await page.evaluate((pos) => {
    const s = document.querySelector('input.scrubber');
    s.value = String(pos);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, Math.floor(len / 2));
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4x');
  await page.waitForTimeout(500);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(PLAY_SECONDS * 1000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const t1 = await page.evaluate(() => performance.now());
  const played = Number((await page.locator('.position').innerText()).split('/')[0]) - Math.floor(len / 2);
  const playTasks = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [t0, t1]);
  const longestPlay = Math.max(0, ...playTasks.map((t) => t.duration));
  console.log(`== playing at 4x for ${PLAY_SECONDS} s (${played} events shown, from position ${Math.floor(len / 2)}): ${playTasks.length} long tasks, longest ${longestPlay.toFixed(0)} ms (goal: none over 50 ms)`);

  // Jumps: End, Home, scrubber to the middle, step back from the end.
  const t2 = await page.evaluate(() => performance.now());
  for (const key of ['End', 'Home', 'End', 'ArrowLeft', 'ArrowLeft']) {
    await page.locator('body').press(key);
    await page.waitForTimeout(150);
  }
  const t3 = await page.evaluate(() => performance.now());
  const jumpTasks = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [t2, t3]);
  console.log(`== jumping (End, Home, End, step back x2): longest long task ${Math.max(0, ...jumpTasks.map((t) => t.duration)).toFixed(0)} ms`);
  if (problems.length) console.log('page errors:', problems);
  await ctx.close();

  // The telnet pane: Enter to the reply line in the DOM.
  const tctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const tpage = await tctx.newPage();
  await tpage.goto(`${server.url}?scenario=sandbox`);
  await tpage.waitForSelector('main#app[data-ready="true"]', { timeout: 20_000 });
  const input = tpage.getByRole('textbox', { name: 'Telnet command' });
  const send = async (line) => { await input.fill(line); await input.press('Enter'); };
  await send('telnet mail.dave.example 25');
  await send('EHLO perf.example');
  await tpage.evaluate(() => {
    const field = document.getElementById('telnet-input');
    const log = document.querySelector('.telnet-log');
    window.__replies = [];
    let down = null;
    const last = () => log.lastElementChild?.textContent ?? '';
    field.addEventListener('keydown', (e) => { if (e.key === 'Enter') down = performance.now(); }, { capture: true });
    new MutationObserver(() => {
      if (down !== null && last().startsWith('250 ')) { window.__replies.push(performance.now() - down); down = null; }
    }).observe(log, { childList: true, subtree: true });
  });
  const noops = async () => {
    const before = await tpage.evaluate(() => window.__replies.length);
    for (let i = 0; i < 30; i++) {
      await send('NOOP');
      await tpage.waitForFunction((n) => window.__replies.length >= n, before + i + 1);
    }
    const r = await tpage.evaluate((b) => window.__replies.slice(b).sort((x, y) => x - y), before);
    return `median ${r[15].toFixed(1)} ms, 90th ${r[26].toFixed(1)} ms, max ${r[29].toFixed(1)} ms`;
  };
  console.log(`== telnet pane, Enter to reply line (30 NOOPs, fresh session): ${await noops()} (goal: within a frame, 16 ms)`);
  await tpage.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'NOOP\n'.repeat(1000));
    document.getElementById('telnet-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await tpage.waitForTimeout(1000);
  const events = (await tpage.locator('.position').innerText()).split('/')[1].trim();
  console.log(`== telnet pane, after 1,000 pasted lines (${events} events in the trace): ${await noops()}`);
  await tctx.close();
} catch (e) {
  if (!(e instanceof LoadsOnly)) throw e;
} finally {
  await browser.close();
  server.stop();
}

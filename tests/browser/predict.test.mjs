// Issue 14, classroom tools: Predict mode (questions before each reply,
// answered right and wrong, the same for everyone), and a page that works
// offline after one visit and never sends anything to another host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { servedApp, axeViolations, artifactsDir, repoRoot } from './support.mjs';
import { Visualizer } from './app.mjs';

const site = servedApp();

async function open(query = '?scenario=seed-story') {
  const { page, problems } = await site.open(query);
  const app = new Visualizer(page);
  await app.ready();
  // Fast, so that reading time does not make the tests slow.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('16x');
  return { page, problems, app };
}

const card = (page) => page.locator('.predict-card');

/** Turns Predict on, plays, and waits for the question; returns [prompt, choices]. */
async function nextQuestion(page) {
  const q = page.getByRole('group', { name: /./ }).filter({ has: page.locator('.predict-choices') });
  if (!(await q.count())) await page.getByRole('button', { name: 'Play', exact: true }).click();
  await q.waitFor({ timeout: 20_000 });
  return [await q.locator('.predict-prompt').innerText(), await q.getByRole('button').allInnerTexts()];
}

test('Predict: the story stops before each answer; right and wrong answers, explanation with its RFC, score', async () => {
  const { page, problems, app } = await open();
  const predict = page.getByRole('button', { name: 'Predict', exact: true });
  await predict.click();
  assert.equal(await predict.getAttribute('aria-pressed'), 'true');

  // First stop: before DNS answers john-pc's question for smtp.isp.example.
  const [prompt1, choices1] = await nextQuestion(page);
  assert.match(prompt1, /john-pc.*asked DNS for the A records of smtp\.isp\.example/);
  assert.equal(choices1.length, 3, choices1.join(' | '));
  const [held] = await app.position();
  assert.equal(held, 1, 'held before the DNS answer (step 2) is shown');
  // The diagram does not show what is coming: no future step is drawn.
  const drawnFuture = await page.locator('.seq-row:not(.past)').evaluateAll(
    (rows) => rows.filter((r) => getComputedStyle(r).visibility !== 'hidden').length);
  assert.equal(drawnFuture, 0, 'future steps are hidden in Predict mode');
  // Play, step and End cannot pass the question.
  await page.getByRole('button', { name: 'To the end', exact: true }).click();
  await page.locator('body').press('ArrowRight');
  assert.equal((await app.position())[0], 1, 'End and → wait for the answer');
  await page.screenshot({ path: path.join(artifactsDir, 'predict-question.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe, a question showing');

  // Right: "Address" (a click).
  await card(page).getByRole('button', { name: /Address/ }).click();
  await card(page).getByText('Right!').waitFor();
  assert.match(await card(page).innerText(), /Reference: RFC 1035 §3\.4\.1/);
  assert.match(await card(page).innerText(), /Score: 1 of 1 right/);
  assert.equal((await app.position())[0], 2, 'the answer shows the step it asked about');

  // Wrong, by key: the greeting is 220; pick another choice with its number key.
  const [prompt2, choices2] = await nextQuestion(page);
  assert.match(prompt2, /connected to smtp\. How does smtp greet it\?/);
  const wrong = choices2.findIndex((c) => !/220/.test(c));
  assert.ok(choices2.some((c) => /220 \(Service ready\)/.test(c)), choices2.join(' | '));
  await page.locator('body').press(String(wrong + 1));
  await card(page).getByText(/Not this time: the answer is 220 \(Service ready\)\./).waitFor();
  const text = await card(page).innerText();
  assert.match(text, /Reference: RFC 5321 §3\.1/);
  assert.match(text, /Score: 1 of 2 right/);
  await page.screenshot({ path: path.join(artifactsDir, 'predict-feedback.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe, feedback showing');

  // Off again: the whole diagram and the end are back.
  await predict.click();
  await app.toEnd();
  const [pos, len] = await app.position();
  assert.equal(pos, len);
  assert.deepEqual(problems, []);
});

test('Predict: the same scenario gives every student the same questions in the same order', async () => {
  const seen = [];
  for (let i = 0; i < 2; i++) {
    const { page } = await open('?scenario=backup-mx');
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    const asked = [];
    for (let n = 0; n < 3; n++) {
      const q = await nextQuestion(page);
      asked.push(q);
      await page.locator('body').press('1');
      await card(page).locator('.predict-verdict').waitFor();
    }
    seen.push(asked);
    await page.close();
  }
  assert.deepEqual(seen[0], seen[1]);
});

/** A fresh browser context that records every request the page (and its service worker) makes. */
async function recordingContext() {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, requests, problems };
}

/** Polls an async check in the page until it is true (waitForFunction does not await promises). */
async function until(page, check, arg, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(check, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

/** Waits until the service worker controls the page and has cached the wasm. */
async function serviceWorkerCached(page) {
  await until(page, async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg?.active || !navigator.serviceWorker.controller) return false;
    const wasm = document.querySelector('link[href$=".wasm"]')?.getAttribute('href');
    return Boolean(wasm && (await caches.match(wasm)));
  }, null, 'the service worker to cache the bundle');
}

test('offline: after one visit the page reloads and plays a scenario with the network off', async () => {
  const { context, page, problems } = await recordingContext();
  await page.goto(site.url);
  const app = new Visualizer(page);
  await app.ready();
  await serviceWorkerCached(page);
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
  assert.equal(manifest.short_name, 'MailSim');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));

  await context.setOffline(true);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await page.reload();
  await app.ready();
  await app.pickScenario('greylisting');
  await app.toEnd();
  const [pos, len] = await app.position();
  assert.ok(len > 50 && pos === len, `${pos} / ${len}`);
  assert.equal(await app.inboxItems("Dave's inbox").count(), 1, 'the greylisted message arrives, offline');
  await page.screenshot({ path: path.join(artifactsDir, 'offline-greylisting.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new build is picked up on the next load, and the old build\'s cache is deleted', async () => {
  // A copy of dist/ that can be "rebuilt": a new CSS file under a new hashed name.
  const dir = mkdtempSync(path.join(tmpdir(), 'mailsim-sw-'));
  cpSync(path.join(repoRoot, 'dist'), dir, { recursive: true });
  const port = await new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
  const server = spawn('python3', [path.join(repoRoot, 'scripts/serve.py'), String(port), dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const context = await site.browser.newContext();
  try {
    for (let i = 0; i < 50; i++) {
      try { if ((await fetch(url)).ok) break; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    const page = await context.newPage();
    await page.goto(url);
    await new Visualizer(page).ready();
    await serviceWorkerCached(page);
    const [first] = await page.evaluate(() => caches.keys());
    assert.match(first, /^mailsim-.*_bg\.wasm/, 'the cache is named after the build\'s hashed files');

    // The new build: its stylesheet under a new name, with a rule the old one lacks.
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const oldCss = html.match(/\/(style-[0-9a-f]{8,16}\.css)/)[1];
    const css = `${readFileSync(path.join(dir, oldCss), 'utf8')}\nbody{--build:two}`;
    const newCss = 'style-0123456789abcdef.css';
    writeFileSync(path.join(dir, newCss), css);
    const sri = `sha384-${createHash('sha384').update(css).digest('base64')}`;
    writeFileSync(path.join(dir, 'index.html'), html.replace(oldCss, newCss)
      .replace(/(href=\/style-0123456789abcdef\.css integrity=)[^ >]+/, `$1${sri}`));
    // HTTP dates have whole seconds: a rewrite in the same second as the
    // first load would be answered 304 Not Modified, and the old page kept.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'index.html'), later, later);

    await page.reload();
    await new Visualizer(page).ready();
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--build').trim()), 'two',
      'the next load shows the new build');
    await until(page, async (name) => {
      const keys = await caches.keys();
      return keys.length === 1 && keys[0].includes(name);
    }, newCss, 'the new build\'s cache, alone');
    const [second] = await page.evaluate(() => caches.keys());
    assert.notEqual(second, first, 'the old cache is gone');
    assert.equal(await page.evaluate((u) => caches.match(u).then((r) => r === undefined), `/${oldCss}`), true);

    // And offline, the new build is what loads.
    await context.setOffline(true);
    await page.reload();
    await new Visualizer(page).ready();
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--build').trim()), 'two');
  } finally {
    await context.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing is sent to any other host: every request of a whole scenario goes to the page\'s own origin', async () => {
  const { context, page, requests, problems } = await recordingContext();
  await page.goto(`${site.url}?scenario=seed-story`);
  const app = new Visualizer(page);
  await app.ready();
  await app.toEnd();
  await app.pickScenario('backup-mx');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1500);
  await app.toEnd();
  await page.getByRole('tab', { name: 'Telnet', exact: true }).click();
  const input = page.getByRole('textbox', { name: 'Telnet command' });
  await input.fill('telnet mail.dave.example 25');
  await input.press('Enter');
  await input.fill('QUIT');
  await input.press('Enter');
  await page.waitForTimeout(500);
  const origin = new URL(site.url).origin;
  assert.ok(requests.length >= 4, requests.join('\n'));
  const foreign = requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests to other hosts');
  assert.deepEqual(problems, []);
  await context.close();
});

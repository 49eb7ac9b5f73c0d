// Issue 14, the classroom tools: links to a step, Copy link, presenter
// mode and the downloads (transcript, sequence diagram, trace, message,
// telnet session).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { servedApp, axeViolations, artifactsDir, scrollsSideways, repoRoot } from './support.mjs';
import { Visualizer, TelnetPane } from './app.mjs';

const site = servedApp();

async function open(viewport, query = '') {
  const { page, problems } = await site.open(query, viewport);
  const app = new Visualizer(page);
  await app.ready();
  return { page, problems, app };
}

/** Opens `url` in a new browser context: no storage, no history, as a pupil's browser. */
async function openFresh(url, viewport = { width: 1280, height: 720 }) {
  const context = await site.browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  await page.goto(url);
  const app = new Visualizer(page);
  await app.ready();
  return { context, page, app, problems };
}

/** Waits until the address bar's fragment holds `re`; returns the whole address. */
async function addressWith(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(location.hash), re.source, { timeout: 5000 });
  return page.url();
}

async function stepForward(app, n) {
  for (let i = 0; i < n; i++) await app.button('Step forward').click();
}

/** Clicks `button` and returns the download's file name and text. */
async function downloadOf(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: await readFile(file, 'utf8') };
}

async function openDownloads(page) {
  await page.locator('.downloads summary').click();
}

test('a link to a step opens the same scenario at the same step in a fresh browser', async () => {
  const { page, app, problems } = await open();
  await app.pickScenario('unknown-recipient');
  await stepForward(app, 7);
  const [at, len] = await app.position();
  assert.ok(at >= 7, `moved on: ${at}`);
  const url = await addressWith(page, new RegExp(`^#v=1&s=unknown-recipient&seed=\\d+&step=${at}(&|$)`));
  const title = await page.locator('.story-title').innerText();
  const narration = await app.region('Narration').innerText();

  const fresh = await openFresh(url);
  assert.deepEqual(await fresh.app.position(), [at, len]);
  assert.equal(await fresh.page.locator('.story-title').innerText(), title);
  assert.equal(await fresh.app.region('Narration').innerText(), narration, 'the same narration');
  assert.equal(await fresh.page.getByRole('combobox', { name: 'Scenario' }).inputValue(), 'unknown-recipient');
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();

  // A link written by an earlier page (format 1, typed by hand) still opens.
  const old = await openFresh(`${site.url}#v=1&s=seed-story&step=40`);
  assert.equal((await old.app.position())[0], 40);
  await old.context.close();
  assert.deepEqual(problems, []);
});

test('a composed message and the inspector view come back from a link', async () => {
  const { page, app } = await open();
  await app.button('Write a message').click();
  const form = page.getByRole('dialog', { name: 'Write a message' });
  await form.getByLabel('Subject').fill('Chess & cake #1?');
  await form.getByLabel('Message').fill('Bring the board.\nÜben!\n');
  await form.getByRole('button', { name: 'Send' }).click();
  await form.waitFor({ state: 'detached' });
  await stepForward(app, 12);
  await page.getByRole('tab', { name: 'Message', exact: true }).click();
  const [at] = await app.position();
  const url = await addressWith(page, new RegExp(`s=compose&.*step=${at}&tab=message&from=john`));

  const fresh = await openFresh(url);
  assert.match(await fresh.page.locator('.story-title').innerText(), /Chess & cake #1\?/);
  assert.equal((await fresh.app.position())[0], at);
  assert.equal(await fresh.page.getByRole('tab', { name: 'Message', exact: true }).getAttribute('aria-selected'), 'true');
  await fresh.context.close();
});

test('lines typed in the telnet pane come back from a link', async () => {
  const { page } = await open();
  const t = new TelnetPane(page);
  await t.open();
  await t.type('telnet mail.dave.example 25');
  await t.waitForLine(/^220 /);
  await t.type('EHLO class.example');
  await t.waitForLine(/^250 /);
  const lines = await t.lines();
  const url = await addressWith(page, /tab=telnet.*&t=e%3AEHLO%20class.example/);

  const fresh = await openFresh(url);
  const t2 = new TelnetPane(fresh.page);
  await t2.input.waitFor();
  assert.deepEqual(await t2.lines(), lines);
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
});

test('a link that cannot be read says why and shows the seed story', async () => {
  for (const bad of ['#v=9&s=seed-story', '#v=1&s=no-such-story&step=3', '#v=1&s=seed-story&step=%ZZ']) {
    const fresh = await openFresh(site.url + bad);
    const status = await fresh.page.locator('.link-status').innerText();
    assert.match(status, /This link could not be opened: .+\. Showing the start of the seed story instead\./, bad);
    assert.equal((await fresh.app.position())[0], 0, bad);
    assert.deepEqual(fresh.problems, [], bad);
    await fresh.context.close();
  }
});

test('Copy link puts the address on the clipboard, and says what to do when refused', async () => {
  const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${site.url}#v=1&s=seed-story&step=5`);
  const app = new Visualizer(page);
  await app.ready();
  await app.button('Copy link').click();
  await page.getByText('Link copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /#v=1&s=seed-story&seed=\d+&step=5$/);
  await context.close();

  const refused = await site.browser.newContext();
  const p2 = await refused.newPage();
  await p2.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await p2.goto(`${site.url}#v=1&s=seed-story&step=5`);
  await new Visualizer(p2).ready();
  await p2.getByRole('button', { name: 'Copy link', exact: true }).click();
  await p2.getByText('The browser did not let the page copy.').waitFor();
  assert.equal(await p2.getByRole('textbox', { name: 'Link to this step' }).inputValue(), p2.url());
  await refused.close();
});

test('presenter mode: large type, secondary panels hidden, clicker keys, blank screen, Escape', async () => {
  const { page, app, problems } = await open({ width: 1920, height: 1080 });
  await app.button('Presenter mode').click();
  assert.equal(await app.button('Presenter mode').getAttribute('aria-pressed'), 'true');
  await page.locator('body').focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  const [at] = await app.position();
  assert.ok(at >= 2, `PageDown steps: ${at}`);
  await page.keyboard.press('PageUp');
  assert.ok((await app.position())[0] < at, 'PageUp steps back');
  await page.keyboard.press('PageDown');
  const px = await page.evaluate(() => [...document.querySelectorAll('.narration-body p:not(.gap-note)')]
    .map((p) => parseFloat(getComputedStyle(p).fontSize)));
  assert.ok(px.length > 0 && px.every((s) => s >= 28), `narration font sizes at 1920x1080: ${px}`);
  const label = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.seq-label')).fontSize));
  assert.ok(label >= 18, `diagram labels: ${label}px`);
  const hostName = await page.evaluate(() => {
    const t = document.querySelector('.map .host-name');
    return t.getBoundingClientRect().height;
  });
  assert.ok(hostName >= 24, `map host names are ${hostName}px high`);
  assert.equal(await page.locator('.inspector').isVisible(), false, 'inspector hidden');
  assert.equal(await page.locator('.mailboxes').isVisible(), false, 'mailboxes hidden');
  assert.equal(await scrollsSideways(page), false, 'no horizontal scroll at 1920x1080');
  await page.screenshot({ path: path.join(artifactsDir, 'presenter-1920x1080.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe in presenter mode');
  await addressWith(page, /&present=1$/);

  await page.locator('body').focus();
  await page.keyboard.press('b');
  await page.locator('.blank-screen').waitFor();
  const before = await app.position();
  await page.keyboard.press('PageDown');
  assert.equal(await page.locator('.blank-screen').count(), 0, 'any key brings the screen back');
  assert.deepEqual(await app.position(), before, '... and does nothing else');
  await page.keyboard.press('.');
  await page.locator('.blank-screen').waitFor();
  await page.keyboard.press('.');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenter')), false, 'Escape leaves');
  await page.keyboard.press('p');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenter')), true, 'P enters');
  assert.deepEqual(problems, []);
});

test('presenter mode at 1280x720: no horizontal scroll, axe clean, telnet pane too', async () => {
  const { page, app } = await open({ width: 1280, height: 720 });
  await page.locator('body').focus();
  await page.keyboard.press('p');
  await stepForward(app, 3);
  assert.equal(await scrollsSideways(page), false);
  await page.screenshot({ path: path.join(artifactsDir, 'presenter-1280x720.png') });
  assert.deepEqual(await axeViolations(page), []);
  // The inspector is hidden, but the sandbox (its telnet pane) shows.
  await app.pickScenario('sandbox');
  const t = new TelnetPane(page);
  await t.input.waitFor();
  await t.type('telnet mail.dave.example 25');
  await t.waitForLine(/^220 /);
  assert.equal(await t.input.isVisible(), true, 'the telnet pane stays in presenter mode');
  assert.equal(await scrollsSideways(page), false);
  await page.screenshot({ path: path.join(artifactsDir, 'presenter-telnet-1280x720.png') });
  assert.deepEqual(await axeViolations(page), []);
});

test('Download transcript: times, C:/S: lines and the narration', async () => {
  const { page, app } = await open();
  await openDownloads(page);
  await page.screenshot({ path: path.join(artifactsDir, 'downloads-menu-1280x720.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe with the Download menu open');
  const { name, text } = await downloadOf(page, app.button('Download transcript'));
  assert.equal(name, 'mailsim-seed-story-transcript.txt');
  const lines = text.split('\n');
  const ehlo = lines.findIndex((l) => / C: EHLO /.test(l));
  assert.match(lines[ehlo], /^\d+:\d\d:\d\d\.\d{3} +\d+ +john-pc -> smtp +SMTP +C: EHLO/);
  assert.match(lines[ehlo + 1], /^ {6}\S.*EHLO/, 'its narration under it');
  assert.ok(lines.some((l) => / S: 250 /.test(l)));
  assert.ok(lines.some((l) => / S: 221 /.test(l)));
});

test('Download sequence diagram: a standalone SVG that parses as XML and names the hosts', async () => {
  const { page, app } = await open();
  await openDownloads(page);
  const { name, text } = await downloadOf(page, app.button('Download sequence diagram'));
  assert.equal(name, 'mailsim-seed-story-sequence.svg');
  const parsed = await page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const err = doc.querySelector('parsererror');
    return {
      error: err ? err.textContent : null,
      root: doc.documentElement.nodeName,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      classes: doc.querySelectorAll('[class]').length,
    };
  }, text);
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  for (const host of ['john-pc', 'smtp', 'ns', 'mail', 'dave-pc']) {
    assert.ok(parsed.texts.includes(host), `names ${host}: ${parsed.texts.slice(0, 12)}`);
  }
  assert.ok(parsed.texts.some((t) => t.includes('mail.dave.example')));
  assert.ok(parsed.texts.some((t) => t.startsWith('EHLO')));
  assert.equal(parsed.classes, 0, 'inline styles only');
  // It draws on its own, with no page around it.
  const alone = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await alone.setContent(text.replace(/^<\?xml[^>]*>\s*/, ''));
  await alone.screenshot({ path: path.join(artifactsDir, 'sequence-download.png') });
  await alone.close();
});

/** `mailsim run NAME --format json`, from the CLI (built if need be). */
function cliJson(name) {
  // Through cargo, so that a stale target/*/mailsim is never what we compare with.
  const args = ['run', '--release', '-q', '--locked', '-p', 'mailsim', '--', 'run', name, '--format', 'json'];
  return JSON.parse(execFileSync('cargo', args, { cwd: repoRoot, maxBuffer: 64 << 20 }).toString());
}

test('Download trace: the same JSON as mailsim run --format json', async () => {
  const { page, app } = await open();
  await app.pickScenario('greylisting');
  await openDownloads(page);
  const { name, text } = await downloadOf(page, app.button('Download trace'));
  assert.equal(name, 'mailsim-greylisting-trace.json');
  const trace = JSON.parse(text);
  assert.ok(Array.isArray(trace) && trace.length > 20);
  assert.deepEqual(Object.keys(trace[0]).sort(), ['explain', 'from', 'kind', 'seq', 'time', 'to']);
  assert.deepEqual(trace, cliJson('greylisting'));
});

test('Download message: the .eml as stored, with its Received: lines', async () => {
  const { page, app } = await open();
  await app.toEnd();
  const dialog = await app.openFirst("Dave's inbox");
  const { name, text } = await downloadOf(page, dialog.getByRole('button', { name: 'Download message' }));
  assert.match(name, /^message-.+\.eml$/);
  const [head] = text.split('\r\n\r\n');
  const received = head.split('\r\n').filter((l) => l.startsWith('Received: '));
  assert.ok(received.length >= 2, `Received: lines: ${received.length}\n${head}`);
  assert.match(head, /^Return-Path: <john@isp\.example>\r\n/);
  assert.match(text, /Subject: /);
  assert.equal(received.length, await dialog.locator('.hdr dt', { hasText: /^Received:$/ }).count(), 'as the viewer shows');
});

test('the telnet pane downloads its session as a transcript', async () => {
  const { page } = await open();
  const t = new TelnetPane(page);
  await t.open();
  await t.type('telnet mail.dave.example 25');
  await t.waitForLine(/^220 /);
  await t.type('HELO class.example');
  await t.waitForLine(/^250 /);
  const { name, text } = await downloadOf(page, page.getByRole('button', { name: 'Download session' }));
  assert.equal(name, 'mailsim-telnet-session.txt');
  assert.match(text, /^\$ .*telnet mail\.dave\.example 25$/m);
  assert.match(text, /^C: HELO class\.example$/m);
  assert.match(text, /^S: 220 /m);
  assert.match(text, /^S: 250 /m);
});

// The scenario lab: the "Edit world" dialog, scenario files out of and into
// the page (the format `mailsim run` reads), and long worlds run in slices
// without a long task.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { servedApp, axeViolations, artifactsDir, repoRoot } from './support.mjs';
import { Visualizer } from './app.mjs';

const site = servedApp();
const cli = path.join(repoRoot, 'target/release/mailsim');

before(() => {
  if (!existsSync(cli)) {
    execFileSync('cargo', ['build', '--release', '-p', 'mailsim'], { cwd: repoRoot, stdio: 'inherit' });
  }
});

async function open(query = '') {
  const { page, problems } = await site.open(query);
  const app = new Visualizer(page);
  await app.ready();
  return { page, problems, app };
}

/** Waits until the story shown has this title (a run in slices has ended). */
async function waitForTitle(page, re, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const t = await page.locator('.story-title').innerText();
    if (re.test(t)) return t;
    if (Date.now() > deadline) throw new Error(`title ${JSON.stringify(t)} never matched ${re}`);
    await page.waitForTimeout(50);
  }
}

/** Moves the scrubber to `pos` and waits a frame. */
async function seek(page, pos) {
  await page.evaluate(async (p) => {
    const s = document.querySelector('input.scrubber');
    s.value = String(p);
    s.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r()));
  }, pos);
}

async function takeDaveDownAndBackUp(page) {
  await page.getByRole('button', { name: 'Edit world', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit world' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Take mail.dave.example down now' }).click();
  await dialog.getByRole('button', { name: 'Bring mail.dave.example back up later' }).click();
  return dialog;
}

test('Edit world: a dialog with focus inside, axe-clean, Escape closes it and focus goes back', async () => {
  const { page, problems } = await open();
  const opener = page.getByRole('button', { name: 'Edit world', exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Edit world' });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moved into the dialog');
  const text = await dialog.innerText();
  for (const want of ['Hosts and their services', 'mail.dave.example', 'SMTP 25', 'POP3 110', 'IMAP 143', 'Submission 587',
    'DNS: MX records', 'Other DNS changes', 'Injected faults', 'Server policies', 'Open relay', 'Offer PIPELINING',
    'Read a bare LF as the end of a line', 'Greylisting delay', 'Retry schedule']) {
    assert.ok(text.includes(want), `the editor shows ${want}`);
  }
  // The MX table holds the cast's records.
  assert.equal(await dialog.getByRole('textbox', { name: 'Domain of MX record 1' }).inputValue(), 'dave.example');
  assert.equal(await dialog.getByRole('textbox', { name: 'Mail server of MX record 1' }).inputValue(), 'mail.dave.example');
  await dialog.getByRole('button', { name: 'Take mail.dave.example down now' }).click();
  assert.equal(await dialog.getByRole('textbox', { name: 'Time of change 1' }).inputValue(), '0s');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactsDir, 'lab-editor.png'), fullPage: true });
  // Typing keeps focus in the field (rows are not rebuilt on each key).
  const grey = dialog.getByRole('textbox', { name: 'Greylisting delay' }).last();
  await grey.fill('');
  await grey.pressSequentially('5m');
  assert.equal(await grey.evaluate((el) => el === document.activeElement), true);
  // Tab stays inside.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'Tab stays in the dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus is back on Edit world');
  assert.deepEqual(problems, []);
  await page.close();
});

test("mail.dave.example down in the editor: the message waits in the ISP's queue, then is delivered once it is up", async () => {
  const { page, problems, app } = await open();
  const dialog = await takeDaveDownAndBackUp(page);
  await dialog.getByRole('button', { name: 'Run this world', exact: true }).click();
  await waitForTitle(page, /\(edited\)$/);
  const [, len] = await app.position();
  let waited = -1;
  let deliveredAt = -1;
  for (let p = 0; p <= len; p++) {
    await seek(page, p);
    const queued = await app.region("ISP's queue").locator('li.msg.queued').count();
    const inbox = await app.inboxItems("Dave's inbox").count();
    if (queued > 0 && inbox === 0 && waited < 0) {
      const narration = await app.region('Narration').innerText();
      if (p > 0) waited = p;
      assert.ok(!/Delivered to a mailbox/.test(narration));
    }
    if (inbox > 0 && deliveredAt < 0) {
      deliveredAt = p;
      // Not before mail.dave.example is back up, 20 minutes in.
      const t = (await page.locator('.vtime').innerText()).replace('Simulated time', '').trim();
      const [h, m] = t.split(':').map(Number);
      assert.ok(h * 60 + m >= 20, `delivered at ${t}, before the server was back up`);
    }
  }
  assert.ok(waited > 0, 'the message waited in the ISP queue');
  assert.ok(deliveredAt > waited, `delivered (${deliveredAt}) after it waited (${waited})`);
  // The scrubber is at the end now.
  assert.equal(await app.region("ISP's queue").locator('li.msg.queued').count(), 0, 'the queue is empty at the end');
  assert.equal(await app.inboxItems("Dave's inbox").count(), 1);
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /on the server/);
  await page.screenshot({ path: path.join(artifactsDir, 'lab-dave-down.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a fault typed in the editor: 451 on RCPT once, narrated as injected, then delivered on the retry', async () => {
  const { page, problems, app } = await open();
  await page.getByRole('button', { name: 'Edit world', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit world' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Add a fault', exact: true }).click();
  await dialog.getByLabel('Server of fault 1').selectOption({ label: 'mail.dave.example' });
  assert.equal(await dialog.getByLabel('When fault 1 happens').inputValue(), 'rcpt');
  await dialog.getByLabel('Times of fault 1').fill('once');
  await dialog.getByRole('button', { name: 'Run this world', exact: true }).click();
  assert.match(await dialog.getByRole('alert').innerText(), /not a number of times/, 'bad input is refused in words');
  await dialog.getByLabel('Times of fault 1').fill('1');
  await dialog.getByRole('button', { name: 'Run this world', exact: true }).click();
  await waitForTitle(page, /\(edited\)$/);
  const [, len] = await app.position();
  let injected = false;
  for (let p = 1; p <= len && !injected; p++) {
    await seek(page, p);
    injected = /Injected fault \(not normal behaviour\)/.test(await app.region('Narration').innerText());
  }
  assert.ok(injected, 'the narration marks the 451 as an injected fault');
  await seek(page, len);
  assert.equal(await app.inboxItems("Dave's inbox").count(), 1, 'delivered after the retry');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the edited world downloads as a scenario file that mailsim run runs', async () => {
  const { page, problems } = await open();
  const dialog = await takeDaveDownAndBackUp(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download scenario file', exact: true }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'seed-story-edited.toml');
  const file = path.join(artifactsDir, 'seed-story-edited.toml');
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /do = "host_down"\nhost = "mx"/);
  const out = execFileSync(cli, ['run', file, '--format', 'json'], { encoding: 'utf8' });
  const trace = JSON.parse(out);
  const events = trace;
  const state = (up) => events.findIndex((e) => e.kind.type === 'host_state' && e.kind.host === 'mx' && e.kind.up === up);
  const [down, up] = [state(false), state(true)];
  const delivered = events.findIndex((e) => e.kind.type === 'delivered');
  assert.ok(down >= 0 && up > down, 'mx goes down, then up');
  assert.ok(delivered > up, 'delivered after mx is back up');
  // The page runs the same world: the same number of events.
  await dialog.getByRole('button', { name: 'Run this world', exact: true }).click();
  await waitForTitle(page, /\(edited\)$/);
  const [, len] = await new Visualizer(page).position();
  assert.equal(len, events.length, 'the page and the CLI ran the same world');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a built-in TOML file opens in the page and runs as the built-in story', async () => {
  const { page, problems, app } = await open();
  await app.pickScenario('backup-mx');
  const [, builtinLen] = await app.position();
  await page.getByRole('button', { name: 'Edit world', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit world' });
  await dialog.getByLabel('Open a scenario file (.toml)').setInputFiles(path.join(repoRoot, 'protocol-core/scenarios/greylisting.toml'));
  await dialog.getByText('Changing “Greylisting: please try again later”').waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: 'Greylisting delay' }).nth(1).inputValue(), '5m');
  await dialog.getByRole('button', { name: 'Run this world', exact: true }).click();
  await waitForTitle(page, /^Greylisting: please try again later \(edited\)$/);
  const [, len] = await app.position();
  await app.pickScenario('greylisting');
  const [, greyLen] = await app.position();
  assert.equal(len, greyLen, 'the opened file runs as the built-in greylisting story');
  assert.notEqual(greyLen, builtinLen);
  // A file that is not a scenario is refused in words, and the editor stays.
  await page.getByRole('button', { name: 'Edit world', exact: true }).click();
  await dialog.getByLabel('Open a scenario file (.toml)').setInputFiles({ name: 'bad.toml', mimeType: 'text/plain', buffer: Buffer.from('name = "x"\ntitle = 3\n') });
  await dialog.getByRole('alert').filter({ hasText: 'bad.toml' }).waitFor();
  assert.match(await dialog.getByRole('alert').innerText(), /bad\.toml:1: `title` must be a "string"/);
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * Runs `once` (which opens a page, measures, and returns the longest task)
 * and, if that was over 50 ms, once more. The page's work is the same both
 * times, so a task the page itself makes too long fails both; a pause of the
 * shared machine (another process on its two cores) rarely hits twice.
 */
async function longestOfTwo(once, what) {
  const first = await once();
  if (first <= 50) return first;
  console.log(`# ${what}: a ${first.toFixed(0)} ms task on the first try; measuring once more`);
  return Math.min(first, await once());
}

for (const events of [1000, 10000]) { // ?bench=N: built in slices after the page is up
  test(`?bench=${events}: the world builds in slices after the page is up, with a progress line, and no long task after that`, async () => {
    const once = async () => {
      const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
      const problems = [];
      page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await page.addInitScript(() => {
        window.__longtasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        // What the progress line said, sampled between the slices.
        window.__progress = new Set();
        setInterval(() => {
          const t = document.querySelector('.lab-progress')?.textContent;
          if (t) window.__progress.add(t);
        }, 5);
      });
      await page.goto(`${site.url}?bench=${events}`);
      await new Visualizer(page).ready();
      const ready = await page.evaluate(() => performance.now());
      await waitForTitle(page, /messages, one after another/, 120_000);
      const [, len] = await new Visualizer(page).position();
      assert.ok(len >= events, `${len} events`);
      const tasks = await page.evaluate(() => window.__longtasks.slice());
      const after = tasks.filter((t) => t.start >= ready);
      const longest = Math.max(0, ...after.map((t) => t.duration));
      console.log(`# ${len} events: longest task while building ${longest.toFixed(0)} ms (${after.length} over 50 ms)`);
      const said = await page.evaluate(() => [...window.__progress]);
      assert.ok(said.some((t) => /^Running the world/.test(t)), `progress shown: ${JSON.stringify(said.slice(0, 3))}`);
      assert.equal(await page.locator('.lab-progress').innerText(), '', 'the progress line is gone at the end');
      assert.deepEqual(problems, []);
      await page.close();
      return longest;
    };
    const longest = await longestOfTwo(once, `?bench=${events}`);
    assert.ok(longest <= 50, `a long task of ${longest.toFixed(0)} ms while the world built, on both tries`);
  });
}

/** A scenario file of `n` messages, one every five minutes (each sent and fetched). */
function bulkToml(n) {
  let t = 'name = "bulk"\ntitle = "Bulk mail"\ngoal = "Many messages, one after another."\nseed = 1\n';
  for (let k = 0; k < n; k++) {
    t += `\n[[step]]\nat = "${k * 5}m"\ndo = "send"\nauth = ["john", "john-pass"]\nfrom = "john@isp.example"\nto = ["dave@dave.example"]\n`;
    t += `\n[[step]]\nat = "${k * 5 + 2}m"\ndo = "fetch"\nhost = "dave-pc"\nserver = "mail.dave.example"\nlogin = "dave"\npassword = "dave-pass"\ndelete = true\n`;
  }
  return t;
}

test('a bulk world opened in the editor and rerun (over 30,000 events): no long task over 50 ms after Run', async () => {
  const once = async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.addInitScript(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(site.url);
    const app = new Visualizer(page);
    await app.ready();
    await page.getByRole('button', { name: 'Edit world', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit world' });
    await dialog.getByLabel('Open a scenario file (.toml)').setInputFiles({ name: 'bulk.toml', mimeType: 'text/plain', buffer: Buffer.from(bulkToml(300)) });
    await dialog.getByText('Changing “Bulk mail”').waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await dialog.getByRole('button', { name: 'Run this world', exact: true }).click();
    await waitForTitle(page, /^Bulk mail \(edited\)$/, 120_000);
    const [, len] = await app.position();
    assert.ok(len >= 30_000, `${len} events`);
    const after = (await page.evaluate(() => window.__longtasks.slice())).filter((t) => t.start >= t0);
    const longest = Math.max(0, ...after.map((t) => t.duration));
    console.log(`# bulk world, ${len} events: longest task after Run ${longest.toFixed(0)} ms`);
    assert.deepEqual(problems, []);
    await page.close();
    return longest;
  };
  const longest = await longestOfTwo(once, 'bulk world');
  assert.ok(longest <= 50, `a long task of ${longest.toFixed(0)} ms while the world ran, on both tries`);
});

// The visualizer plays the core's trace: inboxes follow the cursor, bounces
// land in John's inbox, compose runs John's own message, and the page is
// accessible and readable at projector and desktop sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedApp, axeViolations, artifactsDir } from './support.mjs';
import { Visualizer } from './app.mjs';

const site = servedApp();

async function open(viewport) {
  const { page, problems } = await site.open('', viewport);
  const app = new Visualizer(page);
  await app.ready();
  return { page, problems, app };
}

test('the seed story at the end: the message is in Dave\'s inbox with two Received lines', async () => {
  const { page, problems, app } = await open();
  assert.equal(await app.inboxItems("Dave's inbox").count(), 0, 'empty before anything happens');
  await app.toEnd();
  const [pos, len] = await app.position();
  assert.equal(pos, len);
  assert.equal(await app.inboxItems("Dave's inbox").count(), 1);
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /Lunch on Friday\?/);
  const dialog = await app.openFirst("Dave's inbox");
  const names = await app.headerNames(dialog);
  assert.equal(names.filter((n) => n === 'Received:').length, 2, names.join(' '));
  assert.equal(names[0], 'Return-Path:', 'the final server added Return-Path on delivery');
  assert.match(await dialog.innerText(), /shall we have lunch on Friday\?/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await app.inboxItems("John's inbox").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('stepping back to before the delivery empties Dave\'s inbox again', async () => {
  const { page, problems, app } = await open();
  await app.toEnd();
  let steps = 0;
  while ((await app.inboxItems("Dave's inbox").count()) > 0) {
    await app.button('Step back').click();
    steps += 1;
    assert.ok(steps < 200, 'the inbox never emptied');
  }
  // One step forward is exactly the delivery.
  await app.button('Step forward').click();
  assert.match(await app.region('Narration').innerText(), /Delivered to a mailbox/);
  assert.equal(await app.inboxItems("Dave's inbox").count(), 1);
  await app.button('Step back').click();
  assert.equal(await app.inboxItems("Dave's inbox").count(), 0);
  await page.locator('body').press('Home');
  assert.deepEqual(await app.position().then((p) => p[0]), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('playing the seed story for real at 16x delivers to Dave and downloads it', async () => {
  const { page, problems, app } = await open();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('16x');
  await app.button('Play').click();
  await app.button('Pause').waitFor();
  await app.inboxItems("Dave's inbox").first().waitFor({ timeout: 90_000 });
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /2 Received/);
  await page.screenshot({ path: path.join(artifactsDir, 'playing-1280x720.png') });
  await app.button('Play').waitFor({ timeout: 90_000 }); // it stops by itself at the end
  const [pos, len] = await app.position();
  assert.equal(pos, len);
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /downloaded/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the unknown-recipient scenario puts a bounce in John\'s inbox', async () => {
  const { page, problems, app } = await open();
  await app.pickScenario('unknown-recipient');
  assert.match(await app.region('Narration').innerText(), /550/);
  await app.toEnd();
  assert.equal(await app.inboxItems("Dave's inbox").count(), 0);
  assert.equal(await app.inboxItems("John's inbox").count(), 1);
  const dialog = await app.openFirst("John's inbox");
  const text = await dialog.innerText();
  assert.match(text, /dvae@dave\.example/);
  const names = await app.headerNames(dialog);
  assert.ok(names.includes('Return-Path:'), names.join(' '));
  await page.screenshot({ path: path.join(artifactsDir, 'bounce-1280x720.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('clicking an arrow in the sequence diagram moves the cursor there', async () => {
  const { page, problems, app } = await open();
  const rows = app.region('Sequence diagram').getByRole('option');
  // A row names its event ("Step N: ..."); clicking it puts the cursor there.
  const step = Number((await rows.nth(3).getAttribute('aria-label')).match(/^Step (\d+):/)[1]);
  await rows.nth(3).click();
  assert.equal((await app.position())[0], step);
  assert.match(await app.region('Inspector').innerText(), /␍␊|Raw bytes|Parsed/);
  assert.equal(await rows.nth(3).getAttribute('aria-selected'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('compose: an invalid address gets a clear message; a valid one runs John\'s message', async () => {
  const { page, problems, app } = await open();
  await page.getByRole('button', { name: /Write a message/ }).click();
  const form = page.getByRole('dialog', { name: 'Write a message' });
  await form.getByLabel('To').fill('dave at dave.example');
  await form.getByRole('button', { name: 'Send' }).click();
  assert.match(await form.getByRole('alert').innerText(), /needs an @/);
  await page.screenshot({ path: path.join(artifactsDir, 'compose-error-1280x720.png') });
  await form.getByLabel('To').fill('dave@dave.example');
  await form.getByLabel('Subject').fill('Chess tonight');
  await form.getByLabel('Message').fill('Bring the board.\n');
  await form.getByRole('button', { name: 'Send' }).click();
  await form.waitFor({ state: 'detached' });
  await app.toEnd();
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /Chess tonight/);
  const dialog = await app.openFirst("Dave's inbox");
  assert.match(await dialog.innerText(), /Bring the board\./);
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard help overlay opens from the ? button and closes with Escape', async () => {
  const { page, problems, app } = await open();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  assert.match(await help.innerText(), /Space[\s\S]*Play \/ Pause/);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  await page.locator('body').press('ArrowRight');
  await page.locator('body').press('ArrowRight');
  assert.equal((await app.position())[0], 2);
  await page.locator('body').press('ArrowLeft');
  assert.equal((await app.position())[0], 1);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no violations of any impact (${theme} theme, mid-story)`, async () => {
    const { page, problems, app } = await open();
    await page.emulateMedia({ colorScheme: theme });
    for (let i = 0; i < 30; i++) await page.locator('body').press('ArrowRight');
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('tab', { name: 'Message' }).click();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

for (const [w, h] of [[1280, 720], [1920, 1080]]) {
  test(`screenshots at ${w}x${h}: everything fits in the window`, async () => {
    const { page, problems, app } = await open({ width: w, height: h });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (let i = 0; i < 68; i++) await page.locator('body').press('ArrowRight');
    const overflow = await page.evaluate(() => [document.documentElement.scrollWidth > innerWidth, document.documentElement.scrollHeight > innerHeight]);
    assert.deepEqual(overflow, [false, false], 'no page scrollbars');
    await page.screenshot({ path: path.join(artifactsDir, `story-${w}x${h}.png`) });
    await page.getByRole('tab', { name: 'State machine' }).click();
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(artifactsDir, `machine-dark-${w}x${h}.png`) });
    await page.getByRole('tab', { name: 'Message' }).click();
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(artifactsDir, `message-${w}x${h}.png`) });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a packet\'s label covers no host\'s name: the DNS query to ns, and every key step of the seed story\'s first minute', async () => {
  const { page, problems, app } = await open();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${site.url}#v=1&s=seed-story&step=1`);
  await app.ready();
  const overlaps = () => page.evaluate(() => {
    const label = document.querySelector('.packet-label-bg');
    if (!label) return null;
    const a = label.getBoundingClientRect();
    return [...document.querySelectorAll('.host-name, .host-domain')]
      .filter((t) => {
        const b = t.getBoundingClientRect();
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      })
      .map((t) => t.textContent);
  });
  let checked = 0;
  for (let i = 0; i < 12; i++) {
    const hit = await overlaps();
    if (hit !== null) {
      assert.deepEqual(hit, [], `step ${(await app.position())[0]}: the packet label covers ${hit.join(', ')}`);
      checked++;
    }
    await app.button('Step forward').click();
  }
  assert.ok(checked >= 6, `only ${checked} steps had a packet`);
  assert.deepEqual(problems, []);
});

/** Writes a message in the compose dialog and sends it. */
async function compose(page, { from, to, subject, body }) {
  await page.getByRole('button', { name: /Write a message/ }).click();
  const form = page.getByRole('dialog', { name: 'Write a message' });
  if (from) await form.getByLabel('From').selectOption(from);
  if (to) await form.getByLabel('To').fill(to);
  await form.getByLabel('Subject').fill(subject);
  await form.getByLabel('Message').fill(body);
  await form.getByRole('button', { name: 'Send' }).click();
  await form.waitFor({ state: 'detached' });
}

test('compose: a subject with an umlaut and an emoji travels as RFC 2047 words and reads decoded in Dave\'s inbox', async () => {
  const { page, problems, app } = await open();
  const subject = 'Grüße 🎉 zum Mittagessen';
  await compose(page, { to: 'dave@dave.example', subject, body: 'Bis Freitag.\n' });
  await app.toEnd();
  await page.getByRole('tab', { name: 'Message', exact: true }).click();
  const panel = page.locator('#inspector-panel');
  const subj = panel.locator('.hdr').filter({ has: page.locator('dt', { hasText: /^Subject:$/ }) });
  const raw = await subj.locator('dd').first().innerText();
  assert.match(raw, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=( =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=)*$/, `the Subject on the wire: ${raw}`);
  assert.equal(/[^\x20-\x7e]/.test(raw), false, 'ASCII only on the wire');
  assert.match(await subj.locator('dd.decoded').innerText(), new RegExp(`reads: ${subject}`));
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), new RegExp(subject));
  const dialog = await app.openFirst("Dave's inbox");
  assert.match(await dialog.innerText(), new RegExp(subject));
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the POP3 part of the seed story: the State machine tab draws the POP3 server and client, the current state lit', async () => {
  const { page, problems, app } = await open();
  await app.toEnd();
  await page.getByRole('tab', { name: 'State machine', exact: true }).click();
  const diagrams = page.locator('ol.sm');
  const lit = async () => (await page.locator('.sm-state.lit .sm-name').allInnerTexts()).map((n) => n.replace('● ', ''));
  // Back from the end into Dave's POP3 session, to where both sides are in TRANSACTION.
  let steps = 0;
  while ((await lit()).join() !== 'Transaction,Transaction') {
    await app.button('Step back').click();
    assert.ok(++steps < 40, `never both in Transaction: ${await lit()}`);
  }
  assert.equal(await diagrams.count(), 2);
  assert.equal(await diagrams.nth(0).getAttribute('aria-label'), 'POP3 server state machine');
  assert.equal(await diagrams.nth(1).getAttribute('aria-label'), 'POP3 client state machine');
  const names = async (k) => (await diagrams.nth(k).locator('.sm-col > .sm-state .sm-name').allInnerTexts())
    .map((n) => n.replace('● ', ''));
  assert.deepEqual(await names(0), ['Authorization', 'Transaction', 'Update', 'Closed']);
  assert.ok((await names(1)).includes('Transaction'), (await names(1)).join());
  assert.equal(await page.locator('.sm-state.lit').count(), 2, 'one current state per side');
  const focusLit = page.locator('.sm.focus .sm-state.lit');
  const [l, b] = await Promise.all([focusLit.boundingBox(), page.locator('#inspector-panel').boundingBox()]);
  assert.ok(l.y >= b.y - 1 && l.y + Math.min(l.height, b.height) <= b.y + b.height + 1, `lit state in view: ${JSON.stringify([l, b])}`);
  await page.screenshot({ path: path.join(artifactsDir, 'machine-pop3-1280x720.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('compose from the stranger: straight to Dave\'s server on port 25, delivered (no SPF or DMARC policy says no)', async () => {
  // `mailsim run` of the same world: mail.dave.example replies "250 2.0.0 OK
  // queued" to someone@stranger.example (SPF none, DMARC none) and Dave downloads it.
  const { page, problems, app } = await open();
  await compose(page, { from: 'stranger', to: 'dave@dave.example', subject: 'You have won', body: 'Claim it.\n' });
  assert.match(await page.locator('.story-title').innerText(), /The stranger's message: You have won/);
  assert.doesNotMatch(await page.locator('.story-title').innerText(), /not sent/);
  await app.toEnd();
  const lanes = (await page.locator('.seq-host').allInnerTexts()).map((t) => t.replace(/\s+/g, ''));
  assert.ok(lanes.includes('stranger'), lanes.join());
  assert.match(await app.region('Narration').innerText(), /stranger → mail \(SMTP\)/);
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /You have won/);
  const dialog = await app.openFirst("Dave's inbox");
  assert.match(await dialog.innerText(), /someone@stranger\.example/);
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await page.close();
});

// Issue 13, the page in a real classroom: keyboard only, screen readers,
// any zoom and font size, tablets and phones, a pace a class can follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedApp, axeViolations, artifactsDir, scrollsSideways } from './support.mjs';
import { Visualizer, TelnetPane } from './app.mjs';

const site = servedApp();

async function open(viewport, query = '') {
  const { page, problems } = await site.open(query, viewport);
  const app = new Visualizer(page);
  await app.ready();
  return { page, problems, app };
}

/** What has focus: "tag role name" (enough to tell controls apart). */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const name = el.getAttribute('aria-label') || el.getAttribute('name') || el.innerText || '';
    return `${el.tagName.toLowerCase()} ${el.getAttribute('role') || ''} ${name.trim().split('\n')[0]}`;
  });
}

/** Presses Tab until `re` matches what has focus; returns how many presses it took. */
async function tabTo(page, re, max = 40) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if (re.test(await focused(page))) return n;
  }
  throw new Error(`no ${re} within ${max} Tabs; focus is on ${await focused(page)}`);
}

test('keyboard only: compose and send, open the message, close it, in few Tab presses', async () => {
  const { page, problems, app } = await open();
  const toCompose = await tabTo(page, /Write a message/);
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Write a message' });
  await form.waitFor();
  assert.equal(await form.getAttribute('aria-modal'), 'true');
  assert.match(await focused(page), /^input .* to$/, 'focus moves into the dialog, on To');
  // Tab stays inside the dialog: round the controls and back to To.
  const seen = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused(page));
    assert.ok(await form.evaluate((f) => f.contains(document.activeElement)), `Tab ${i + 1} left the dialog: ${seen}`);
  }
  assert.ok(seen.some((s) => /^input .* to$/.test(s)), `Tab comes round to To again: ${seen.join(' | ')}`);
  await page.keyboard.press('Shift+Tab');
  assert.ok(await form.evaluate((f) => f.contains(document.activeElement)), 'Shift+Tab stays inside too');
  // Fill it in by keyboard: Tab round to the Subject field.
  const toSubject = await tabTo(page, /^input\s+subject$/, 10);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Keyboard only');
  const toSend = await tabTo(page, /button\s+Send/, 6);
  await page.keyboard.press('Enter');
  await form.waitFor({ state: 'detached' });
  assert.match(await focused(page), /Write a message/, 'focus returns to the button that opened it');
  await page.keyboard.press('End');
  const toInbox = await tabTo(page, /Keyboard only/);
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: "Message in Dave's inbox" });
  await viewer.waitFor();
  assert.ok(await viewer.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the viewer');
  assert.equal(await viewer.getAttribute('aria-modal'), 'true');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
    assert.ok(await viewer.evaluate((d) => d.contains(document.activeElement)), `Tab ${i + 1} left the viewer`);
  }
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  assert.match(await focused(page), /Keyboard only/, 'focus returns to the message in the inbox');
  const total = toCompose + toSend + toInbox;
  console.log(`Tab presses: ${toCompose} to "Write a message", ${toSubject} to Subject (after the trap check), ${toSend} from Subject to Send, ${toInbox} from "Write a message" to Dave's message; ${total} in all`);
  assert.ok(toCompose <= 4, `Write a message in ${toCompose} Tabs`);
  // 21 and 27 since the language picker (issue 19) joined the header: one more stop.
  assert.ok(toInbox <= 21, `Dave's message in ${toInbox} Tabs from the toolbar`);
  assert.ok(total <= 27, `${total} Tabs in all`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('help: focus inside, Escape closes it, focus back on the ? button', async () => {
  const { page, problems } = await open();
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await help.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)));
  await page.keyboard.press('Tab');
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'one control: Tab stays on it');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'button  Keyboard shortcuts');
  assert.deepEqual(problems, []);
  await page.close();
});

test('compose: Escape and Cancel close it, and focus goes back to "Write a message"', async () => {
  const { page, problems } = await open();
  const button = page.getByRole('button', { name: 'Write a message' });
  for (const close of ['Escape', 'Cancel']) {
    await button.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'Write a message' });
    await form.waitFor();
    if (close === 'Escape') await page.keyboard.press('Escape');
    else await form.getByRole('button', { name: 'Cancel' }).press('Enter');
    await form.waitFor({ state: 'detached' });
    assert.match(await focused(page), /Write a message/, `${close}: focus back on the button`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the sequence diagram is one tab stop; arrows inside move the cursor; inspector tabs keep the story still', async () => {
  const { page, problems, app } = await open();
  const list = page.getByRole('listbox', { name: 'Sequence diagram steps' });
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const [pos] = await app.position();
  assert.ok(pos >= 3, `three arrows down moved the cursor: ${pos}`);
  assert.equal(await list.getByRole('option', { selected: true }).count(), 1);
  await page.keyboard.press('ArrowUp');
  assert.ok((await app.position())[0] < pos);
  const ring = await list.evaluate((l) => getComputedStyle(l).outlineOffset);
  assert.equal(ring, '-3px', 'the ring is drawn inside the scroller, not clipped');
  // Tab leaves the diagram at once (it was 90 stops).
  await page.keyboard.press('Tab');
  assert.ok(!(await list.evaluate((l) => l.contains(document.activeElement))), 'one Tab leaves the diagram');
  // Inspector tabs: ARIA tabs; arrows switch tabs and never move the story.
  const line = page.getByRole('tab', { name: 'Line', exact: true });
  assert.equal(await line.getAttribute('aria-controls'), 'inspector-panel');
  await line.focus();
  const before = await app.position();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: 'State machine' }).getAttribute('aria-selected'), 'true');
  assert.match(await focused(page), /State machine/);
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await app.position(), before, 'the story stayed where it was');
  assert.equal(await page.getByRole('tabpanel').getAttribute('aria-labelledby'), 'tab-line');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the scrubber says where the story is; the status line announces once per step', async () => {
  const { page, problems, app } = await open();
  const scrubber = page.getByRole('slider', { name: 'Position in the trace' });
  assert.match(await scrubber.getAttribute('aria-valuetext'), /^step 0 of \d+: the start$/);
  await app.button('Step forward').click();
  await app.button('Step forward').click();
  assert.match(await scrubber.getAttribute('aria-valuetext'), /^step \d+ of \d+: \S/);
  const status = page.getByRole('status').first();
  await page.waitForFunction(() => /^Step \d+ of \d+\. /.test(document.querySelector('[role=status]').textContent));
  assert.match(await status.innerText(), /^Step \d+ of \d+\. /);
  assert.equal(await app.region('Narration').getAttribute('aria-live'), null, 'the narration itself is not live');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a jump in virtual time is announced with its step, by the one status line', async () => {
  // Step 69 of the greylisting story comes after its 15-minute wait for the retry.
  const { page, problems } = await open(undefined, '#v=1&s=greylisting&step=69');
  // The narration marks the step that comes after a wait ("… 15 minutes later …").
  const note = page.locator('.narration .gap-note');
  await note.waitFor();
  const words = (await note.innerText()).replace(/…/g, '').trim();
  assert.match(words, /later/, 'the greylisting story waits before its retry');
  await page.waitForFunction((w) => document.querySelector('[role=status]').textContent.includes(w), words);
  // The map's caption of the wait, shown while playing, is not live: one status line speaks.
  assert.equal(await page.locator('[role=status]:not(.predict-card)').count(), 1, 'one status line');
  assert.deepEqual(problems, []);
  await page.close();
});

test('key steps: stepping passes over the sessions\' state changes; the controls say what they can do', async () => {
  const { page, problems, app } = await open();
  assert.equal(await app.button('Step back').getAttribute('aria-disabled'), 'true', 'nothing to go back to at the start');
  assert.equal(await app.button('Restart').getAttribute('aria-disabled'), 'true');
  assert.equal(await page.getByRole('checkbox', { name: 'Key steps' }).isChecked(), true, 'key steps by default');
  const seq = [];
  for (let i = 0; i < 12; i++) {
    await app.button('Step forward').click();
    seq.push((await app.position())[0]);
  }
  assert.ok(seq[11] > 12, `12 key steps pass over some state changes: ${seq}`);
  await page.getByRole('checkbox', { name: 'Key steps' }).uncheck();
  const [p0] = await app.position();
  await app.button('Step forward').click();
  assert.equal((await app.position())[0], p0 + 1, 'every event when key steps are off');
  await app.toEnd();
  assert.equal(await app.button('Step forward').getAttribute('aria-disabled'), 'true');
  assert.equal(await app.button('To the end').getAttribute('aria-disabled'), 'true');
  // The wrap-up.
  const narration = await app.region('Narration').innerText();
  assert.match(narration, /The end: what happened/);
  assert.match(narration, /3 hops: john-pc → smtp \(SMTP\), smtp → mail \(SMTP\), mail → dave-pc \(POP3\)/);
  assert.match(narration, /Dave's inbox: 1 message/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the scenario picker switches on confirm, not on ArrowDown', async () => {
  const { page, problems, app } = await open();
  await app.button('Step forward').click();
  await app.button('Step forward').click();
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal((await app.position())[0] > 0, true, 'the story and its position stay');
  assert.match(await page.locator('.story-title').innerText(), /John writes to Dave/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !/John writes to Dave/.test(document.querySelector('.story-title').textContent));
  assert.equal((await app.position())[0], 0, 'Enter opened the next scenario');
  assert.deepEqual(problems, []);
  await page.close();
});

test('one name per host: the map, the lanes, the narration and the inspector say smtp and mail', async () => {
  const { page, problems, app } = await open();
  const lanes = await app.region('Sequence diagram').locator('.seq-host').allInnerTexts();
  assert.deepEqual(lanes, ['john-pc', 'smtp', 'ns', 'mail', 'dave-pc']);
  for (let i = 0; i < 40; i++) await app.button('Step forward').click();
  const text = (await app.region('Narration').innerText()) + (await app.region('Inspector').innerText());
  assert.doesNotMatch(text, /\b(isp|mx|dns) →|→ (isp|mx|dns)\b/, text);
  assert.deepEqual(problems, []);
  await page.close();
});

// Browser zoom at 200% / 400% is a CSS viewport of half / a quarter the
// width at 2x / 4x device pixels: what Chrome lays out when zoomed.
for (const [zoom, w, h] of [[200, 640, 360], [400, 320, 180]]) {
  test(`zoom ${zoom}% at 1280x720: text doubles, the page reflows without sideways scrolling`, async () => {
    const ctx = await site.browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: zoom / 100 });
    const zp = await ctx.newPage();
    const problems = [];
    zp.on('pageerror', (e) => problems.push(e.message));
    await zp.goto(site.url);
    const app = new Visualizer(zp);
    await app.ready();
    // Text keeps its CSS size when the CSS viewport shrinks, so in device
    // pixels it grows by the zoom factor (the old root size followed vw).
    const rootPx = await zp.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    assert.equal(rootPx, 16, `root text is 16 CSS px at a ${w} px wide viewport, so ${16 * zoom / 100} device px`);
    for (let i = 0; i < 20; i++) await app.button('Step forward').click();
    assert.equal(await scrollsSideways(zp), false, 'no horizontal scroll');
    assert.deepEqual(await axeViolations(zp), [], `axe at ${zoom}%`);
    await zp.screenshot({ path: path.join(artifactsDir, `zoom${zoom}-1280x720.png`), fullPage: true });
    await zp.getByRole('tab', { name: 'Telnet', exact: true }).click();
    assert.equal(await scrollsSideways(zp), false, 'no horizontal scroll with the telnet pane');
    assert.ok(await zp.getByRole('textbox', { name: 'Telnet command' }).isVisible());
    assert.deepEqual(await axeViolations(zp), [], `axe at ${zoom}%, telnet pane`);
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

test('a 32 px default font: text doubles and the page reflows at 1280 px', async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // The browser's font size setting (chrome://settings/fonts), before the page loads.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 32 } });
  await page.goto(site.url);
  const app = new Visualizer(page);
  await app.ready();
  const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.equal(rootPx, 32);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main.layout')).display), 'flex',
    '1280 px is 40rem at 32 px: the panels stack');
  for (let i = 0; i < 20; i++) await app.button('Step forward').click();
  assert.equal(await scrollsSideways(page), false, 'no horizontal scroll');
  await page.screenshot({ path: path.join(artifactsDir, 'font32-1280x720.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

const SIZES = [[1280, 720], [1920, 1080], [820, 1180], [390, 844]];

for (const [w, h] of SIZES) {
  test(`${w}x${h}: axe finds no violations of any impact (light, dark, telnet, dialogs), screenshots`, async () => {
    const { page, problems, app } = await open({ width: w, height: h });
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
    for (let i = 0; i < 30; i++) await app.button('Step forward').click();
    assert.equal(await scrollsSideways(page), false, 'no horizontal scroll');
    assert.deepEqual(await axeViolations(page), [], 'light, mid-story');
    await page.screenshot({ path: path.join(artifactsDir, `classroom-${w}x${h}.png`), fullPage: w < 1000 });
    for (const tab of ['State machine', 'Message']) {
      await page.getByRole('tab', { name: tab }).click();
      assert.deepEqual(await axeViolations(page), [], tab);
    }
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'dark');
    await page.screenshot({ path: path.join(artifactsDir, `classroom-dark-${w}x${h}.png`), fullPage: w < 1000 });
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
    if (w < 1000) {
      // Touch targets: every button, select, tab, input and summary at least
      // 44 x 44 px; a checkbox counts with its label, which toggles it too.
      // Glossary words inside a sentence are exempt (WCAG 2.5.8, inline).
      const small = await page.evaluate(() => [...document.querySelectorAll('button, select, [role=tab], input, summary')]
        .filter((el) => el.offsetParent !== null && !el.classList.contains('term-word'))
        .map((el) => {
          const target = el.type === 'checkbox' && el.closest('label') ? el.closest('label') : el;
          return [el.getAttribute('aria-label') || el.innerText.trim() || el.name || el.type, target.getBoundingClientRect()];
        })
        .filter(([, r]) => r.height < 43.5 || r.width < 43.5)
        .map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`));
      assert.deepEqual(small, [], 'touch targets');
    }
    await app.toEnd();
    assert.deepEqual(await axeViolations(page), [], 'the wrap-up at the end');
    await app.openFirst("Dave's inbox");
    assert.deepEqual(await axeViolations(page), [], 'message viewer');
    await page.screenshot({ path: path.join(artifactsDir, `viewer-${w}x${h}.png`) });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Write a message' }).click();
    assert.deepEqual(await axeViolations(page), [], 'compose');
    await page.screenshot({ path: path.join(artifactsDir, `compose-${w}x${h}.png`) });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    assert.deepEqual(await axeViolations(page), [], 'help');
    await page.keyboard.press('Escape');
    // The wrap-up and the dialogs in the dark theme too.
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'the wrap-up, dark');
    await app.openFirst("Dave's inbox");
    assert.deepEqual(await axeViolations(page), [], 'message viewer, dark');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Write a message' }).click();
    assert.deepEqual(await axeViolations(page), [], 'compose, dark');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    assert.deepEqual(await axeViolations(page), [], 'help, dark');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
    const telnet = new TelnetPane(page);
    await telnet.open();
    await telnet.type('telnet mail.dave.example 25');
    await telnet.waitForLine(/^220 /);
    assert.equal(await scrollsSideways(page), false, 'no horizontal scroll with the telnet pane');
    assert.deepEqual(await axeViolations(page), [], 'telnet pane');
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'telnet pane, dark');
    await page.screenshot({ path: path.join(artifactsDir, `telnet-${w}x${h}.png`), fullPage: w < 1000 });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the drawn state machine: boxes in protocol order, the current state lit and in view at 1280x720', async () => {
  const { page, problems, app } = await open({ width: 1280, height: 720 });
  for (let i = 0; i < 20; i++) await app.button('Step forward').click();
  await page.getByRole('tab', { name: 'State machine' }).click();
  // Both sides, each from its own table: the server's, then the client's.
  const diagrams = page.locator('ol.sm');
  assert.equal(await diagrams.count(), 2);
  const names = async (k) => (await diagrams.nth(k).locator('.sm-col > .sm-state .sm-name').allInnerTexts())
    .map((n) => n.replace('● ', ''));
  assert.deepEqual(await names(0), ['Greeting', 'Ready', 'Mail', 'Rcpt', 'Data', 'Closed']);
  assert.deepEqual(await names(1), ['Greeting', 'Ehlo', 'Auth', 'Envelope', 'Data', 'Body', 'Quit', 'Closed']);
  assert.equal(await diagrams.nth(0).getAttribute('aria-label'), 'SMTP server state machine');
  assert.equal(await diagrams.nth(1).getAttribute('aria-label'), 'SMTP client state machine');
  assert.equal(await page.locator('.sm-state.lit').count(), 2, 'one current state per side');
  // The side that acted at this step is the one kept in view.
  const lit = page.locator('.sm.focus .sm-state.lit');
  assert.equal(await lit.count(), 1);
  assert.equal(await page.locator('.sm .taken').count() >= 1, true, 'the move just taken is marked');
  const [l, b] = await Promise.all([lit.boundingBox(), page.locator('#inspector-panel').boundingBox()]);
  assert.ok(l.y >= b.y - 1 && l.y + Math.min(l.height, b.height) <= b.y + b.height + 1, `lit state in view: ${JSON.stringify([l, b])}`);
  await page.screenshot({ path: path.join(artifactsDir, 'machine-drawn-1280x720.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the theme is a choice that shows what is chosen (system, light or dark), by keyboard, and is remembered', async () => {
  const { page, problems, app } = await open();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await app.ready();
  const theme = page.getByRole('combobox', { name: 'Theme' });
  const shown = () => theme.evaluate((s) => s.options[s.selectedIndex].text);
  assert.equal(await shown(), '◐ System', 'dark from the system setting, and it says so');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.deepEqual(await theme.locator('option').allInnerTexts(), ['◐ System', '☀ Light', '☾ Dark']);
  // The keyboard: focus the select and choose with the arrow keys.
  await theme.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await shown(), '☀ Light');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.deepEqual(await axeViolations(page), [], 'light, chosen');
  await page.reload();
  await app.ready();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'remembered');
  assert.equal(await shown(), '☀ Light');
  await theme.selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  // Back to the system setting: nothing is remembered any more.
  await theme.selectOption('system');
  assert.equal(await page.evaluate(() => localStorage.getItem('mailsim-theme')), null);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await app.ready();
  assert.equal(await shown(), '◐ System');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('compose: a refused message says why, as John\'s program would; "Name <address>" is accepted', async () => {
  const { page, problems, app } = await open();
  await page.getByRole('button', { name: 'Write a message' }).click();
  const form = page.getByRole('dialog', { name: 'Write a message' });
  assert.equal(await form.getByLabel('To').getAttribute('type'), 'email');
  assert.equal(await form.getByLabel('To').getAttribute('autocapitalize'), 'off');
  await form.getByLabel('To').fill('Dave <dave@dave.example>');
  await form.getByLabel('Subject').fill('');
  await form.getByLabel('Message').fill(`${'x'.repeat(5000)}\n`);
  await form.getByRole('button', { name: 'Send' }).click();
  assert.match(await form.getByRole('alert').innerText(), /^Your message was not sent: smtp replied "554 /);
  await form.getByRole('button', { name: 'Cancel' }).click();
  assert.match(await app.region('Narration').innerText(), /Your message was not sent/);
  await page.getByRole('button', { name: 'Write a message' }).click();
  await form.getByLabel('To').fill('dävid@dave.example');
  await form.getByRole('button', { name: 'Send' }).click();
  assert.match(await form.getByRole('alert').innerText(), /SMTPUTF8 .*RFC 6531/);
  await form.getByLabel('To').fill('Dave <dave@dave.example>');
  await form.getByLabel('Subject').fill('');
  await form.getByLabel('Message').fill('Short one.\n');
  await form.getByRole('button', { name: 'Send' }).click();
  await form.waitFor({ state: 'detached' });
  await app.toEnd();
  assert.match(await app.inboxItems("Dave's inbox").first().innerText(), /\(no subject\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('print: the whole sequence diagram and the transcript on A4 pages', async () => {
  const { page, problems, app } = await open();
  await app.toEnd();
  const [, len] = await app.position();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const seq = app.region('Sequence diagram');
  await page.waitForFunction(() => document.querySelectorAll('.transcript tbody tr').length > 0);
  assert.equal(await page.locator('.transcript tbody tr').count(), len, 'one transcript line per event');
  const rows = await seq.getByRole('option').count();
  assert.ok(rows > 60, `every row of the diagram is laid out for print: ${rows}`);
  assert.equal(await page.locator('.toolbar').isVisible(), false, 'no controls on paper');
  await page.pdf({ path: path.join(artifactsDir, 'print-seed-story.pdf'), format: 'A4' });
  await page.screenshot({ path: path.join(artifactsDir, 'print-seed-story.png'), fullPage: true });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await page.waitForFunction(() => document.querySelectorAll('.transcript').length === 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('compose: the sender can be chosen; Dave\'s reply lands in John\'s inbox', async () => {
  const { page, problems, app } = await open();
  await page.getByRole('button', { name: 'Write a message' }).click();
  const form = page.getByRole('dialog', { name: 'Write a message' });
  await form.getByLabel('From').selectOption('dave');
  assert.equal(await form.getByLabel('To').inputValue(), 'john@isp.example');
  assert.match(await form.innerText(), /mail\.dave\.example \(port 587, logged in as dave\)/);
  await form.getByLabel('Subject').fill('Re: Lunch on Friday?');
  await form.getByRole('button', { name: 'Send' }).click();
  await form.waitFor({ state: 'detached' });
  await app.toEnd();
  assert.match(await app.inboxItems("John's inbox").first().innerText(), /Re: Lunch on Friday\?/);
  assert.equal(await app.inboxItems("Dave's inbox").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in the empty sandbox the transport controls say they can do nothing', async () => {
  const { page, problems, app } = await open(undefined, '?scenario=sandbox');
  for (const name of ['Restart', 'Step back', 'Play', 'Step forward', 'To the end']) {
    assert.equal(await app.button(name).getAttribute('aria-disabled'), 'true', name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the visualizer keeps up with the telnet pane (it follows at a quick pace, not the reading pace)', async () => {
  const { page, problems, app } = await open(undefined, '?scenario=sandbox');
  const telnet = new TelnetPane(page);
  await telnet.type('telnet mail.dave.example 25');
  await telnet.waitForLine(/^220 /);
  await telnet.type('EHLO john-pc.isp.example');
  await telnet.waitForLine(/^250 /);
  const t0 = Date.now();
  for (;;) {
    const [pos, len] = await app.position();
    if (pos === len) break;
    assert.ok(Date.now() - t0 < 15_000, `still at ${pos} / ${len}`);
    await page.waitForTimeout(100);
  }
  console.log(`caught up in ${Date.now() - t0} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a refused message: its 550 shows the sender checks behind it, step by step (issue 18)', async () => {
  // forged-from: the stranger's forgery of john@isp.example is refused at
  // the end of DATA. No mailbox holds it, so the checks are shown at the
  // refusal itself, in the Line tab (step 46 is the 550, event 46).
  const { page, problems } = await open({ width: 1280, height: 900 }, '#v=1&s=forged-from&step=46');
  await page.getByRole('tab', { name: 'Line', exact: true }).click();
  const panel = page.getByRole('tabpanel');
  await panel.locator('pre.raw').waitFor();
  assert.match(await panel.locator('pre.raw').innerText(), /^550 5\.7\.1 /);
  await panel.getByRole('heading', { name: /The sender checks behind this reply/ }).waitFor();
  const steps = await panel.locator('.auth-steps li').allInnerTexts();
  assert.ok(steps.some((t) => /^SPF SPF result: fail/.test(t)), steps.join('\n'));
  assert.ok(steps.some((t) => /^DMARC DMARC result: fail/.test(t)), steps.join('\n'));
  assert.ok(steps.some((t) => /^DNS .*_dmarc\.isp\.example TXT/.test(t)), 'with the DNS answers it used');
  assert.deepEqual(await axeViolations(page), [], 'Line tab with the checks behind a refusal');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the message viewer explains the parts of a Received line and the fields of a bounce', async () => {
  const { page, problems, app } = await open({ width: 1280, height: 900 });
  // Dave's copy of the seed story's message came over SMTP: Received lines.
  await app.toEnd();
  let viewer = await app.openFirst("Dave's inbox");
  await viewer.getByText('What the parts of a Received line mean').click();
  let notes = await viewer.locator('.field-notes').allInnerTexts();
  assert.equal(notes.length, 1, 'one list, under the first Received line');
  assert.match(notes[0], /Received: by: The server that received the message[\s\S]*Received: for: The recipient address from RCPT TO/);
  assert.deepEqual(await axeViolations(page), [], 'viewer with the Received notes open');
  // Who really sent it: the receiving server's checks, step by step (issue 18).
  const auth = viewer.getByRole('region', { name: /Who really sent this/ });
  const steps = await auth.locator('li').allInnerTexts();
  assert.ok(steps.some((t) => /^SPF SPF result: pass/.test(t)), steps.join('\n'));
  assert.ok(steps.some((t) => /^DNS .*_dmarc\.isp\.example TXT/.test(t)), 'with the DNS answers it used');
  assert.ok(steps.some((t) => /^DMARC DMARC result: pass/.test(t)));
  await page.screenshot({ path: path.join(artifactsDir, 'viewer-received-notes-1280x900.png') });
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  // The bounce was written by John's own ISP: a report, and no Received line.
  await app.pickScenario('No such user: the bounce');
  await app.toEnd();
  viewer = await app.openFirst("John's inbox");
  await viewer.getByText('What the fields of the delivery report mean').click();
  notes = await viewer.locator('.field-notes').allInnerTexts();
  assert.equal(notes.length, 1, 'one list, under the report');
  assert.match(notes[0], /Final-Recipient[\s\S]*Diagnostic-Code: The exact reply the other server gave[\s\S]*RFC 3464 §2\.3\.6/);
  assert.deepEqual(await axeViolations(page), [], 'viewer with the report notes open');
  await page.screenshot({ path: path.join(artifactsDir, 'viewer-bounce-notes-1280x900.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('glossary: a term in the narration shows its definition on focus and on a tap, axe-clean', async () => {
  const { page, problems, app } = await open({ width: 1280, height: 720 });
  const term = page.locator('.narration .term-word');
  for (let i = 0; i < 40 && (await term.count()) === 0; i++) await app.button('Step forward').click();
  assert.ok(await term.count() > 0, 'some step of the seed story uses a glossary term');
  const first = term.first();
  const def = page.locator(`#${await first.getAttribute('aria-describedby')}`);
  assert.equal(await def.isVisible(), false, 'hidden until asked for');
  assert.ok((await first.getAttribute('title')).length > 20, 'hover shows the definition as a tooltip');
  await first.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.ok(await def.isVisible(), 'keyboard focus shows the definition');
  assert.match(await def.innerText(), /RFC \d+/, 'with its source');
  await first.click();
  assert.equal(await first.getAttribute('aria-expanded'), 'true', 'a tap keeps it open');
  assert.deepEqual(await axeViolations(page), [], 'narration with a definition open');
  await page.keyboard.press('Escape');
  assert.equal(await first.getAttribute('aria-expanded'), 'false', 'Escape closes it');
  assert.deepEqual(problems, []);
  await page.close();
});

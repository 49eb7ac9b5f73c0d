// Languages (issue 19): with the browser set to Dutch or Chinese the page
// speaks that language (chrome, narration, explanations), the protocol lines
// stay exactly as they went over the wire, axe finds nothing (lang attributes
// included), the layout holds at 1280x720 and 390x844, the picker and the
// link carry the choice, and the language works offline after one visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { servedApp, axeViolations, artifactsDir, scrollsSideways, repoRoot } from './support.mjs';
import { Visualizer } from './app.mjs';

const site = servedApp();

/** The title of an explanation in a language's explain.ftl (the translators' file). */
function title(tag, id, file = 'explain.ftl') {
  const ftl = readFileSync(path.join(repoRoot, 'locales', tag, file), 'utf8');
  const m = ftl.match(new RegExp(`^${id} = (.*)$`, 'm'));
  assert.ok(m, `${tag}: ${id}`);
  return m[1].trim();
}

/** A page in a browser whose language is `locale`, recording errors. */
async function openIn(locale, viewport = { width: 1280, height: 720 }, hash = '') {
  const context = await site.browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(site.url + hash);
  await new Visualizer(page).ready();
  return { context, page, problems };
}

async function htmlLang(page, tag) {
  await page.waitForFunction((t) => document.documentElement.lang === t, tag, { timeout: 10_000 });
}

/** Steps forward until the narration shows the client's EHLO. */
async function stepToEhlo(page) {
  for (let i = 0; i < 30; i++) {
    const found = page.locator('.narration .line');
    const line = (await found.count()) ? await found.innerText() : '';
    if (line.includes('EHLO')) return line;
    await page.locator('body').press('ArrowRight');
  }
  throw new Error('no EHLO within 30 steps');
}

const LANGS = [
  { locale: 'nl-NL', tag: 'nl', play: 'Afspelen', heading: 'Wat er gebeurde', picker: 'Taal', tab: 'Toestandsmachine' },
  { locale: 'zh-CN', tag: 'zh-CN', play: '播放', heading: '发生了什么', picker: '语言', tab: '状态机' },
];

for (const l of LANGS) {
  test(`${l.locale}: the page and the narration speak ${l.tag}, the wire lines stay, axe is clean`, async () => {
    const { context, page, problems } = await openIn(l.locale);
    await htmlLang(page, l.tag);
    assert.equal(await page.getByRole('combobox', { name: l.picker }).inputValue(), l.tag);
    await page.getByRole('button', { name: l.play, exact: true }).waitFor();
    await page.getByRole('tab', { name: l.tab, exact: true }).waitFor();
    assert.equal((await page.locator('.narration h2').innerText()).toLowerCase(), l.heading.toLowerCase());
    // The scenario's title and goal in that language too.
    assert.equal(await page.locator('.story-title').innerText(), title(l.tag, 'scenario-seed-story', 'scenarios.ftl'));

    const line = await stepToEhlo(page);
    assert.equal(line, 'C: EHLO john-pc.isp.example', 'the wire line as sent');
    assert.equal(await page.locator('.narration h3').innerText(), title(l.tag, 'smtp-cmd-EHLO'));
    assert.equal(await page.locator('.narration .rfc cite').innerText(), 'RFC 5321 §4.1.1.1');
    const raw = await page.locator('.raw').innerText();
    assert.match(raw, /^EHLO john-pc\.isp\.example/, raw);
    assert.ok(!(await page.locator('.narration').innerText()).includes('asks which extensions'), 'no English explanation');

    assert.deepEqual(await axeViolations(page), [], 'axe mid-story');
    assert.equal(await scrollsSideways(page), false);
    await page.screenshot({ path: path.join(artifactsDir, `lang-${l.tag}-1280x720.png`) });
    await page.getByRole('button', { name: l.tag === 'nl' ? 'Sneltoetsen' : '键盘快捷键' }).click();
    await page.getByRole('dialog').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe with the help open');
    await page.keyboard.press('Escape');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${l.locale} at 390x844: the layout holds, axe is clean, screenshot`, async () => {
    const { context, page, problems } = await openIn(l.locale, { width: 390, height: 844 });
    await htmlLang(page, l.tag);
    await stepToEhlo(page);
    assert.equal(await scrollsSideways(page), false, 'no sideways scroll');
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(artifactsDir, `lang-${l.tag}-390x844.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('nl-NL: Predict asks and answers in Dutch, the choices keep their codes', async () => {
  const { context, page, problems } = await openIn('nl-NL');
  await htmlLang(page, 'nl');
  await page.getByRole('button', { name: 'Voorspel', exact: true }).click();
  await page.getByRole('button', { name: 'Afspelen', exact: true }).click();
  const prompt = page.locator('.predict-prompt');
  await prompt.waitFor({ timeout: 20_000 });
  // The first question: the DNS answer john-pc gets for its ISP's server.
  assert.equal(await prompt.innerText(), 'john-pc vroeg DNS om de A-records van smtp.isp.example. Wat voor antwoord komt er terug?');
  const choices = await page.locator('.predict-choices button').allInnerTexts();
  assert.ok(choices.length >= 3, choices.join(' | '));
  const kinds = choices.map((c) => c.replace(/^\d+\s+/, ''));
  assert.ok(!kinds.some((c) => /^(Address|No such domain|No records of that type)/.test(c)), `Dutch choices: ${kinds.join(' | ')}`);
  await page.locator('.predict-choices button').first().click();
  assert.match(await page.locator('.predict-verdict').innerText(), /^(Goed!|Deze keer niet)/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactsDir, 'lang-nl-predict-1280x720.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('zh-TW falls back to English; the picker switches and the link carries the language', async () => {
  const { context, page, problems } = await openIn('zh-TW');
  await htmlLang(page, 'en');
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  const diagram = page.getByRole('listbox').first();
  await diagram.getByRole('option', { name: /#1 connected to port 587 \(SMTP\)/ }).first().waitFor();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
  await htmlLang(page, 'nl');
  await page.getByRole('button', { name: 'Afspelen', exact: true }).waitFor();
  // The diagram's rows already drawn are drawn again in the new language.
  await diagram.getByRole('option', { name: /^Stap \d+: .*#1 verbonden met poort 587 \(SMTP\)/ }).first().waitFor({ timeout: 5_000 });
  assert.equal(await diagram.getByRole('option', { name: /#1 connected to port/ }).count(), 0);
  await page.waitForFunction(() => location.hash.includes('lang=nl'), null, { timeout: 5_000 });
  const hash = await page.evaluate(() => location.hash);
  await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
  await htmlLang(page, 'en');
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();

  // The link opens in Dutch in a browser set to English.
  const other = await openIn('en-US', undefined, hash);
  await htmlLang(other.page, 'nl');
  await other.page.getByRole('button', { name: 'Afspelen', exact: true }).waitFor();
  assert.deepEqual(other.problems, []);
  await other.context.close();
});

test('offline: after one visit in Dutch the page reloads in Dutch with the network off', async () => {
  const { context, page, problems } = await openIn('nl-NL');
  await htmlLang(page, 'nl');
  const deadline = Date.now() + 20_000;
  while (!(await page.evaluate(async () => Boolean(navigator.serviceWorker.controller
      && await caches.match('/locales/nl/explain.ftl') && await caches.match('/locales/zh-CN/ui.ftl')
      && await caches.match('/locales/zh-CN/scenarios.ftl'))))) {
    if (Date.now() > deadline) throw new Error('the service worker did not cache the language files');
    await page.waitForTimeout(200);
  }
  await context.setOffline(true);
  await page.reload();
  await new Visualizer(page).ready();
  await htmlLang(page, 'nl');
  await page.getByRole('button', { name: 'Afspelen', exact: true }).waitFor();
  // Switching to Chinese works offline too (cached at install).
  await page.getByRole('combobox', { name: 'Taal' }).selectOption('zh-CN');
  await htmlLang(page, 'zh-CN');
  await page.getByRole('button', { name: '播放', exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

/** The telnet pane in the language of `tag`: its help, hint and notes from ui.ftl, the wire lines as sent. */
const TELNET = {
  nl: { input: 'Telnet-commando', log: 'Telnet-uitvoer' },
  'zh-CN': { input: 'telnet 命令', log: 'telnet 输出' },
  en: { input: 'Telnet command', log: 'Telnet output' },
};

/** A page word of `tag`'s ui.ftl with its placeholders filled in. */
function word(tag, id, args = {}) {
  let text = title(tag, id, 'ui.ftl');
  for (const [k, v] of Object.entries(args)) text = text.replaceAll(`{ $${k} }`, v);
  return text;
}

/** Opens the telnet pane in `locale`, runs one short SMTP session, returns what it showed. */
async function telnetSession(locale, tag) {
  const { context, page, problems } = await openIn(locale);
  await htmlLang(page, tag);
  await page.getByRole('tab', { name: 'Telnet', exact: true }).click();
  const input = page.getByRole('textbox', { name: TELNET[tag].input });
  const log = page.getByRole('log', { name: TELNET[tag].log });
  const hint = page.locator('.telnet-hint');
  await input.waitFor();
  const type = async (line) => { await input.fill(line); await input.press('Enter'); };
  const lines = () => log.locator('.tl').allInnerTexts();
  const waitFor = async (re) => {
    const deadline = Date.now() + 5000;
    while (!(await lines()).some((l) => re.test(l))) {
      if (Date.now() > deadline) throw new Error(`no line matches ${re}:\n${(await lines()).join('\n')}`);
      await page.waitForTimeout(50);
    }
  };
  const seen = { hints: [] };
  seen.hints.push(await hint.innerText());
  await type('help');
  await waitFor(/^  help /);
  await type('telnet mail.dave.example 25');
  await waitFor(/^220 /);
  seen.hints.push(await hint.innerText());
  await type('DATA');
  await waitFor(/^503 /);
  seen.hints.push(await hint.innerText());
  await type('EHLO john-pc.isp.example');
  await waitFor(/^250 /);
  seen.lines = await lines();
  seen.wire = await log.locator('.tl.t-recv, .tl.t-sent, .tl.t-info').allInnerTexts();
  return { context, page, problems, seen };
}

test('the telnet pane speaks Dutch and Chinese: help, hints and notes; the wire lines and telnet\'s own stay', async () => {
  const en = await telnetSession('en-US', 'en');
  await en.context.close();
  assert.match(en.seen.hints[1], /^SMTP, state Greeting: the server expects EHLO, HELO, QUIT$/);
  for (const l of LANGS) {
    const { context, page, problems, seen } = await telnetSession(l.locale, l.tag);
    const w = (id, args) => word(l.tag, id, args);
    // The new tab's note, the help and the hints in that language.
    assert.ok(seen.lines[0].startsWith(w('telnet-new-session', { id: '1' }).split('{')[0]), seen.lines[0]);
    assert.ok(seen.lines.includes(w('telnet-help-intro')), seen.lines.join('\n'));
    assert.ok(seen.lines.includes(`  telnet HOST PORT   ${w('telnet-help-telnet')}`), seen.lines.join('\n'));
    assert.ok(seen.lines.includes(`  help               ${w('telnet-help-help')}`), seen.lines.join('\n'));
    assert.ok(!seen.lines.some((t) => t.includes('Commands of this pane')), 'no English help');
    assert.equal(seen.hints[0], w('telnet-hint-not-connected'));
    assert.equal(seen.hints[1], w('telnet-hint-smtp', { state: 'Greeting', expects: 'EHLO, HELO, QUIT' }));
    // DATA before EHLO: refused, and the hint says so in that language.
    assert.equal(seen.hints[2], `${w('telnet-hint-refused')} ${w('telnet-hint-smtp', { state: 'Greeting', expects: 'EHLO, HELO, QUIT' })}`);
    // The lines on the wire and telnet's own messages are exactly the English ones.
    assert.deepEqual(seen.wire, en.seen.wire);
    assert.ok(seen.wire.includes('Connected to mail.dave.example.'));
    assert.ok(seen.wire.some((t) => t.startsWith('503 ')) && seen.wire.includes('EHLO john-pc.isp.example'));
    assert.deepEqual(await axeViolations(page), [], 'axe with the telnet pane');
    await page.screenshot({ path: path.join(artifactsDir, `lang-${l.tag}-telnet-1280x720.png`) });
    // Switching to English rewords the lines already there.
    await page.getByRole('combobox', { name: l.picker }).selectOption('en');
    await htmlLang(page, 'en');
    await page.getByRole('log', { name: 'Telnet output' }).getByText('Commands of this pane (they stay here, nothing goes on the network):').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/** What issue 19's last round put in the language shown, per language: a parsed value, a pane note's duration. */
const MORE = {
  nl: { up: 'van client naar server', twoHours: '2 u', english: ['Services (ports)', 'Add a fault', 'Latency', 'Greylisting delay'] },
  'zh-CN': { up: '从客户端到服务器', twoHours: '2 小时', english: ['Services (ports)', 'Add a fault', 'Latency', 'Greylisting delay'] },
};

for (const l of LANGS) {
  test(`${l.locale}: the world editor, a parsed value, a pane note's duration and the SVG download speak ${l.tag}; the wire stays`, async () => {
    const { context, page, problems } = await openIn(l.locale);
    await htmlLang(page, l.tag);
    const w = (id, args) => word(l.tag, id, args);
    const m = MORE[l.tag];

    // The inspector's parsed fields: the direction in words, the verb as sent.
    await stepToEhlo(page);
    const values = await page.locator('dd').allInnerTexts();
    assert.ok(values.includes(m.up), values.join(' | '));
    assert.ok(values.includes('EHLO'), values.join(' | '));
    assert.ok(!values.includes('client to server'), values.join(' | '));

    // The sequence diagram download: standalone XML, xml:lang, the words translated, the wire lines as sent.
    await page.locator('.downloads summary').click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w('classroom-download-svg'), exact: true }).click()]);
    const svg = readFileSync(await dl.path(), 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const err = doc.querySelector('parsererror');
      const root = doc.documentElement;
      return {
        error: err ? err.textContent : null,
        root: root.nodeName,
        xmlLang: root.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
        lang: root.getAttribute('lang'),
        title: doc.querySelector('svg > title').textContent,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        steps: [...doc.querySelectorAll('g > title')].map((t) => t.textContent),
      };
    }, svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.equal(parsed.xmlLang, l.tag);
    assert.equal(parsed.lang, l.tag);
    const storyTitle = title(l.tag, 'scenario-seed-story', 'scenarios.ftl');
    assert.equal(parsed.title, w('download-svg-title', { title: storyTitle }));
    assert.ok(parsed.texts.includes(storyTitle), parsed.texts.slice(0, 4).join(' | '));
    assert.ok(parsed.texts.includes(w('download-svg-legend')), parsed.texts.slice(0, 4).join(' | '));
    assert.ok(parsed.texts.includes(w('download-svg-lines')), parsed.texts.slice(0, 4).join(' | '));
    assert.ok(parsed.texts.includes(w('role-mail-server')), 'the lanes name their roles');
    assert.ok(parsed.texts.includes('EHLO john-pc.isp.example'), 'the wire line as sent');
    assert.ok(parsed.texts.some((t) => t.startsWith('MAIL FROM:<john@isp.example>')), 'the wire line as sent');
    assert.ok(parsed.steps[0].startsWith(w('download-svg-step', { n: '1', label: '' })), parsed.steps[0]);
    assert.ok(!svg.includes('Time runs down') && !svg.includes('mail server</text>'), 'no English words');

    await page.locator('.downloads summary').click();
    // The world editor: headings, labels, buttons and help in that language; a page-side message too.
    await page.getByRole('button', { name: w('toolbar-edit-world'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: w('toolbar-edit-world') });
    await dialog.waitFor();
    await dialog.getByText(w('lab-intro', { title: storyTitle })).waitFor();
    const heads = await dialog.locator('th[scope="col"]').allInnerTexts();
    for (const id of ['lab-col-address', 'lab-col-services', 'lab-col-latency', 'lab-col-loss', 'lab-col-preference', 'lab-col-mail-server', 'lab-col-times']) {
      assert.ok(heads.includes(w(id)), `${id}: ${heads.join(' | ')}`);
    }
    await dialog.getByRole('button', { name: w('lab-add-fault'), exact: true }).waitFor();
    await dialog.getByRole('button', { name: w('lab-take-down', { host: 'mail.dave.example' }) }).waitFor();
    await dialog.getByText(w('lab-links-help')).waitFor();
    await dialog.getByText(w('lab-greylist')).first().waitFor();
    await dialog.getByRole('checkbox', { name: w('lab-open-relay') }).first().waitFor();
    const text = await dialog.innerText();
    for (const e of m.english) assert.ok(!text.includes(e), `no English ${JSON.stringify(e)}`);
    // A new fault's and a new change's choices.
    await dialog.getByRole('button', { name: w('lab-add-fault'), exact: true }).click();
    await dialog.getByRole('button', { name: w('lab-add-change'), exact: true }).click();
    await dialog.getByRole('combobox', { name: w('lab-fault-when', { n: '1' }) }).waitFor();
    const options = await dialog.locator('option').allInnerTexts();
    for (const id of ['lab-stage-rcpt', 'lab-stage-greeting', 'lab-fault-drops', 'lab-change-link-down', 'lab-change-host-up']) {
      assert.ok(options.includes(w(id)), `${id}: ${options.join(' | ')}`);
    }
    assert.equal(await dialog.getByRole('textbox', { name: w('lab-fault-times', { n: '1' }) }).inputValue(), '2');
    assert.deepEqual(await axeViolations(page), [], 'axe with the editor open');
    await page.screenshot({ path: path.join(artifactsDir, `lang-${l.tag}-editor-1280x720.png`) });
    await dialog.locator('section').nth(4).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, `lang-${l.tag}-editor-faults-1280x720.png`) });
    await dialog.locator('fieldset').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, `lang-${l.tag}-editor-policies-1280x720.png`) });
    const address = dialog.getByRole('textbox', { name: w('lab-host-address', { host: 'mail.dave.example' }) });
    await address.fill('1.2.3');
    await dialog.getByRole('button', { name: w('lab-run'), exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: '1.2.3' }).waitFor();
    assert.equal(await dialog.getByRole('alert').innerText(), w('lab-bad-ip', { host: 'mail.dave.example', value: '"1.2.3"' }));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A duration in a telnet pane note, in that language's units.
    await page.getByRole('tab', { name: 'Telnet', exact: true }).click();
    const input = page.getByRole('textbox', { name: TELNET[l.tag].input });
    await input.fill('wait 2h');
    await input.press('Enter');
    const passes = `${w('telnet-time-passes').split('{')[0]}${m.twoHours}`;
    await page.getByRole('log', { name: TELNET[l.tag].log }).getByText(passes).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe with the pane note');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

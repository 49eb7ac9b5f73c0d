// A page object for the visualizer: stable selectors (accessible names and
// region labels) so the tests read like what a teacher does.
export class Visualizer {
  constructor(page) {
    this.page = page;
  }
  async ready() {
    await this.page.waitForSelector('main#app[data-ready="true"]', { timeout: 20_000 });
  }
  button(name) {
    return this.page.getByRole('button', { name, exact: true });
  }
  region(name) {
    return this.page.getByRole('region', { name, exact: true });
  }
  /** "12 / 113" -> [12, 113] */
  async position() {
    const t = await this.page.locator('.position').innerText();
    return t.split('/').map((x) => Number(x.trim()));
  }
  /** Chooses a scenario in the picker and confirms it (the picker switches on confirm). */
  async pickScenario(name) {
    await this.page.getByRole('combobox', { name: 'Scenario' }).selectOption(name);
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
  }
  async toEnd() {
    await this.button('To the end').click();
  }
  inboxItems(label) {
    return this.region(label).locator('li.msg');
  }
  async openFirst(label) {
    await this.inboxItems(label).first().locator('button').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }
  async headerNames(dialog) {
    return dialog.locator('.hdr dt').allInnerTexts();
  }
}

// The telnet pane: typing lines, reading what came back, the hint.
export class TelnetPane {
  constructor(page) {
    this.page = page;
    this.region = page.getByRole('region', { name: 'Telnet', exact: true });
    this.input = page.getByRole('textbox', { name: 'Telnet command' });
    this.log = page.getByRole('log', { name: 'Telnet output' });
  }
  async open() {
    await this.page.getByRole('tab', { name: 'Telnet', exact: true }).click();
    await this.input.waitFor();
  }
  /** Types one line and presses Enter. */
  async type(line) {
    await this.input.fill(line);
    await this.input.press('Enter');
  }
  /** Types one line key by key (so page shortcuts like Space must stay out of the way), then Enter. */
  async typeKeys(line) {
    await this.input.focus();
    await this.input.pressSequentially(line);
    await this.input.press('Enter');
  }
  async lines() {
    return this.log.locator('.tl').allInnerTexts();
  }
  async last() {
    const l = await this.lines();
    return l[l.length - 1];
  }
  /** Waits until some line of the output matches `re`; returns it. */
  async waitForLine(re, timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const hit = (await this.lines()).find((l) => re.test(l));
      if (hit !== undefined) return hit;
      if (Date.now() > deadline) throw new Error(`no line matches ${re}:\n${(await this.lines()).slice(-15).join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async hint() {
    return this.region.locator('.telnet-hint').innerText();
  }
  async from(host) {
    await this.page.getByRole('combobox', { name: 'Type from host' }).selectOption(host);
  }
}

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
  async pickScenario(name) {
    await this.page.getByRole('combobox', { name: 'Scenario' }).selectOption(name);
  }
  async toEnd() {
    await this.page.locator('body').press('End');
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

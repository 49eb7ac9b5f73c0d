import { readdirSync } from 'node:fs';
// The release bundle loads, the wasm app mounts, and nothing goes wrong on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedApp, artifactsDir } from './support.mjs';

const site = servedApp();

test('the page mounts the MailSim app without console or page errors', async () => {
  const { page, problems } = await site.open();
  // Rendered by the wasm app, not by index.html: its presence means the app started.
  await page.waitForSelector('main#app[data-ready="true"]', { timeout: 20_000 });
  assert.equal(await page.locator('h1').innerText(), 'MailSim');
  assert.equal(await page.title(), 'MailSim: how an email travels');
  const scenarios = await page.getByRole('combobox', { name: 'Scenario' }).locator('option').allInnerTexts();
  // Every built-in scenario (protocol-core/scenarios/*.toml), then the sandbox
  // (the page has the sender checks, so the lessons that need them are there).
  const builtIn = readdirSync(new URL('../../protocol-core/scenarios/', import.meta.url)).filter((f) => f.endsWith('.toml')).length;
  assert.equal(scenarios.length, builtIn + 1, 'the built-in scenarios and the telnet sandbox are offered');
  assert.equal(scenarios[builtIn], 'Sandbox (telnet)');
  assert.equal(scenarios[0], 'John writes to Dave');
  for (const name of ['Network map', 'Sequence diagram', 'Narration', 'Inspector', "Dave's inbox", "John's inbox"]) {
    assert.equal(await page.getByRole('region', { name, exact: true }).count(), 1, name);
  }
  assert.match(await page.getByRole('region', { name: 'Narration' }).innerText(), /Goal:.*hops/s);
  await page.screenshot({ path: path.join(artifactsDir, 'home-1280x720.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

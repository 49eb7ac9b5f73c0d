#!/usr/bin/env node
// Draws the app's install icons (public/icon-192.png, public/icon-512.png)
// from public/favicon.svg with the headless Chromium the browser tests use:
// the envelope centred on a white square with a margin, so that it survives
// the round or squircle masks of launchers ("maskable", safe zone 80%).
// Run it again after changing favicon.svg; the PNGs are committed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot } from '../tests/browser/support.mjs';

const svg = readFileSync(path.join(repoRoot, 'public/favicon.svg'), 'utf8');
const browser = await launchBrowser();
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:#fff;display:grid;place-items:center;width:${size}px;height:${size}px">
      <div style="width:${Math.round(size * 0.72)}px;height:${Math.round(size * 0.72)}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body></html>`);
    const out = path.join(repoRoot, `public/icon-${size}.png`);
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`wrote ${out}`);
    await page.close();
  }
} finally {
  await browser.close();
}

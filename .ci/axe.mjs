// Runs axe-core on pages of a built site in headless Chromium, at a phone
// width and a desktop width, and fails on any critical or serious finding.
// Usage: node .ci/axe.mjs NODE_MODULES_DIR SITE_DIR page.html...
// NODE_MODULES_DIR holds playwright-core and axe-core (installed by .ci/run).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, site, ...pages] = process.argv.slice(2);
if (!modules || !site || pages.length === 0) {
  console.error('usage: node .ci/axe.mjs NODE_MODULES_DIR SITE_DIR page.html...');
  process.exit(2);
}
const require = createRequire(join(resolve(modules), 'noop.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let bad = 0;
for (const width of [390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const p of pages) {
    await page.goto(pathToFileURL(join(resolve(site), p)).href);
    await page.addScriptTag({ content: axeSource });
    const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const serious = res.violations.filter(v => v.impact === 'critical' || v.impact === 'serious');
    const others = res.violations.length - serious.length;
    console.log(`${p} at ${width}px: ${serious.length} critical or serious, ${others} other`);
    for (const v of res.violations) {
      console.log(`  ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
      for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(' ')}`);
    }
    bad += serious.length;
  }
  await page.close();
}
await browser.close();
if (bad > 0) {
  console.error(`axe: ${bad} critical or serious findings`);
  process.exit(1);
}

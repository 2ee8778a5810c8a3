// Warm render time per document for Typst (typst-ts-node-compiler) and Chromium (print to PDF through
// playwright-core), each kept running between documents, as CareerKit's renderer is. Prints JSON.
//   node bench/engines/warm.mjs <resume.json> <font dir> <iterations> <out dir>
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { chromium } from 'playwright-core';
import { load, html, typst } from './documents.mjs';

const [file, fontDir, iterations = '30', outDir = '/tmp'] = process.argv.slice(2);
const resume = load(file);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const results = {};

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
for (const [name, source] of [['typst-changing', (i) => typst(resume, ` ${i}`)], ['typst-unchanged', () => typst(resume)]]) {
  const times = [];
  let pdf;
  for (let i = 0; i < Number(iterations) + 3; i++) {
    const start = performance.now();
    pdf = compiler.pdf({ mainFileContent: source(i) });
    if (i >= 3) times.push(performance.now() - start);
  }
  writeFileSync(`${outDir}/typst.pdf`, pdf);
  results[name] = { medianMs: median(times), bytes: pdf.length };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage();
const times = [];
let pdf;
for (let i = 0; i < Number(iterations) + 3; i++) {
  const start = performance.now();
  await page.setContent(html(resume, fontDir, ` ${i}`), { waitUntil: 'load' });
  pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  if (i >= 3) times.push(performance.now() - start);
}
writeFileSync(`${outDir}/chromium.pdf`, pdf);
results.chromium = { medianMs: median(times), bytes: pdf.length };
await browser.close();
console.log(JSON.stringify(results));

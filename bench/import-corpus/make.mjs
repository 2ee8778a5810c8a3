// Writes the import corpus's sources: Typst PDFs (typst-ts, as bench/engines), HTML pages for Chromium and LibreOffice,
// the JSON Resume each file should import as, and manifest.json. make.sh prints and converts the HTML.
// node make.mjs <normalised JSON folder> <work folder> <corpus folder> <font folder>
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { html, typst } from '../engines/documents.mjs';
import { classic, classicExpected, twoColumns } from './layouts.mjs';

const [json, work, corpus, fonts] = process.argv.slice(2);
mkdirSync(join(corpus, 'expected'), { recursive: true });
const load = (name) => {
  const r = JSON.parse(readFileSync(join(json, `${name}.json`), 'utf8'));
  return { skills: [], work: [], projects: [], education: [], ...r, basics: { profiles: [], ...r.basics } };
};
const manifest = [];
const expect = (file, tool, name, resume) => {
  writeFileSync(join(corpus, 'expected', `${file}.json`), JSON.stringify(resume, null, 2) + '\n');
  manifest.push({ file, tool, expected: `expected/${file}.json` });
};
// bench/engines prints neither profiles nor a location's region: they are not expected back.
const engineExpected = (r) => ({ ...r, basics: { ...r.basics, profiles: [] } });

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fonts] }] });
for (const name of ['reference-resume', 'jsonresume-sample', 'koddsson']) {
  const r = load(name);
  writeFileSync(join(corpus, `typst-${name}.pdf`), compiler.pdf({ mainFileContent: typst(r) }));
  expect(`typst-${name}.pdf`, 'Typst (bench/engines)', name, engineExpected(r));
}

for (const name of ['reference-resume', '0xa1337', '56kyle']) {
  const r = load(name);
  writeFileSync(join(work, `chromium-${name}.html`), html(r, fonts));
  expect(`chromium-${name}.pdf`, 'Chromium print-to-pdf', name, engineExpected(r));
}

for (const name of ['jsonresume-sample', 'tedtschopp', 'ayastrebov']) {
  const r = load(name);
  writeFileSync(join(work, `libreoffice-${name}.html`), classic(r));
  expect(`libreoffice-${name}.docx`, 'LibreOffice DOCX', name, classicExpected(r));
  expect(`libreoffice-${name}.pdf`, 'LibreOffice PDF export', name, classicExpected(r));
}

for (const name of ['reference-resume', 'koddsson']) {
  const r = load(name);
  writeFileSync(join(work, `two-column-${name}.html`), twoColumns(r));
  expect(`two-column-${name}.pdf`, 'two columns (Chromium)', name, r);
}

const table = load('0xa1337');
writeFileSync(join(work, 'two-column-table-0xa1337.html'), twoColumns(table, { table: true }));
expect('two-column-table-0xa1337.docx', 'two columns (LibreOffice DOCX, layout table)', '0xa1337', table);
expect('two-column-table-0xa1337.pdf', 'two columns (LibreOffice PDF export)', '0xa1337', table);

writeFileSync(join(corpus, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

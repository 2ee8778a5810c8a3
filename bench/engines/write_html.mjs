// Writes the reference resume as an HTML file, for Chromium's own --print-to-pdf (cold runs).
import { writeFileSync } from 'node:fs';
import { load, html } from './documents.mjs';

const [file, fontDir, out] = process.argv.slice(2);
writeFileSync(out, html(load(file), fontDir));

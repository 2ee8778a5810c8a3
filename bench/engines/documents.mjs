// The reference resume as HTML (for Chromium) and as Typst source, with the same content and font as
// CareerKit's PDF, so the three engines draw the same document.
import { readFileSync } from 'node:fs';

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const typ = (s) => String(s ?? '').replace(/[\\#$*_`<>@\[\]]/g, (c) => '\\' + c);
const dates = (a, b) => (a || b ? `${a ?? ''} – ${b ?? 'Present'}` : '');

export function load(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function html(r, fontDir, variant = '') {
  const b = r.basics;
  const entry = (title, org, from, to, summary, highlights = []) => `
    <div class="row"><span><b>${esc(title)}</b>${org ? ', ' + esc(org) : ''}</span><span class="muted">${esc(dates(from, to))}</span></div>
    ${summary ? `<p>${esc(summary)}</p>` : ''}<ul>${highlights.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    @font-face { font-family: 'DejaVu Sans'; src: url('file://${fontDir}/DejaVuSans.ttf'); }
    @font-face { font-family: 'DejaVu Sans'; font-weight: bold; src: url('file://${fontDir}/DejaVuSans-Bold.ttf'); }
    @page { size: A4; margin: 46pt; }
    body { font: 10pt/1.3 'DejaVu Sans'; color: #1b1f24; margin: 0; }
    h1 { font-size: 20pt; margin: 0; } h2 { font-size: 12.5pt; color: #0b57d0; border-bottom: .75pt solid #d0d7de; margin: 10pt 0 5pt; }
    .row { display: flex; justify-content: space-between; } .muted { color: #57606a; } p, ul { margin: 0; } ul { padding-left: 12pt; }
  </style></head><body>
  <h1>${esc(b.name)}</h1><div class="muted">${esc(b.label)}${esc(variant)}</div>
  <p>${esc(b.email)} · ${esc(b.phone)} · ${esc(b.url)} · ${esc(b.location?.city)}</p>
  <h2>Summary</h2><p>${esc(b.summary)}</p>
  <h2>Skills</h2>${r.skills.map((s) => `<p><b>${esc(s.name)}:</b> ${esc(s.keywords.join(', '))}</p>`).join('')}
  <h2>Experience</h2>${r.work.map((w) => entry(w.position, w.name, w.startDate, w.endDate, w.summary, w.highlights)).join('')}
  <h2>Projects</h2>${r.projects.map((p) => entry(p.name, null, p.startDate, p.endDate, p.description, p.highlights)).join('')}
  <h2>Education</h2>${r.education.map((e) => entry(`${e.studyType} in ${e.area}`, e.institution, e.startDate, e.endDate, null)).join('')}
  </body></html>`;
}

export function typst(r, variant = '') {
  const b = r.basics;
  const entry = (title, org, from, to, summary, highlights = []) =>
    `#grid(columns: (1fr, auto), [*${typ(title)}*${org ? ', ' + typ(org) : ''}], text(fill: rgb("#57606a"))[${typ(dates(from, to))}])\n` +
    (summary ? `${typ(summary)}\n` : '') + highlights.map((h) => `- ${typ(h)}`).join('\n') + '\n';
  const heading = (t) => `#v(10pt)\n#text(size: 12.5pt, weight: "bold", fill: rgb("#0b57d0"))[${typ(t)}]\n#line(length: 100%, stroke: 0.75pt + rgb("#d0d7de"))\n`;
  return `#set page(paper: "a4", margin: 46pt)
#set text(font: "DejaVu Sans", size: 10pt, fill: rgb("#1b1f24"))
#set par(leading: 0.3em)
#text(size: 20pt, weight: "bold")[${typ(b.name)}]\\
#text(fill: rgb("#57606a"))[${typ(b.label)}${typ(variant)}]\\
${typ(b.email)} · ${typ(b.phone)} · ${typ(b.url)} · ${typ(b.location?.city)}
${heading('Summary')}${typ(b.summary)}
${heading('Skills')}${r.skills.map((s) => `*${typ(s.name)}:* ${typ(s.keywords.join(', '))}\\`).join('\n')}
${heading('Experience')}${r.work.map((w) => entry(w.position, w.name, w.startDate, w.endDate, w.summary, w.highlights)).join('\n')}
${heading('Projects')}${r.projects.map((p) => entry(p.name, null, p.startDate, p.endDate, p.description, p.highlights)).join('\n')}
${heading('Education')}${r.education.map((e) => entry(`${e.studyType} in ${e.area}`, e.institution, e.startDate, e.endDate, null)).join('\n')}
`;
}

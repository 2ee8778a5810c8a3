// Resume layouts unlike CareerKit's own, for the import corpus: a "classic" one-column document (entries titled
// "Position, Organisation", dates as MM/YYYY, education years only) and a two-column one (sidebar: contact, skills,
// education; main column: summary, experience, projects). The same HTML goes to Chromium and to LibreOffice.
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const visible = (url) => url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
const month = (iso) => (iso ? (iso.length >= 7 ? `${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso.slice(0, 4)) : null);
const named = (iso) => {
  if (!iso) return null;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return iso.length >= 7 ? `${names[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}` : iso.slice(0, 4);
};
const range = (form, a, b) => (a || b ? `${form(a) ?? ''} – ${b ? form(b) : 'Present'}` : '');
const year = (iso) => (iso ? iso.slice(0, 4) : null);
const links = (b) => [b.url, ...(b.profiles ?? []).map((p) => p.url)].filter((u) => u && /^https?:/.test(u));

export function classic(r) {
  const b = r.basics ?? {};
  const contact = [b.email, b.phone, ...links(b).map((u) => `<a href="${esc(u)}">${esc(visible(u))}</a>`)].filter(Boolean);
  const work = (r.work ?? []).map((w) => `
    <h3>${esc(w.position)}, ${esc(w.name)}</h3>
    <p><i>${esc(range(month, w.startDate, w.endDate))}</i></p>
    ${w.summary ? `<p>${esc(w.summary)}</p>` : ''}
    ${(w.highlights ?? []).length ? `<ul>${w.highlights.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>` : ''}`).join('');
  const education = (r.education ?? []).map((e) => `
    <h3>${esc(e.institution)}</h3>
    <p>${esc([[e.studyType, e.area].filter(Boolean).join(' in '), e.startDate || e.endDate ? `${year(e.startDate) ?? ''}–${year(e.endDate) ?? 'Present'}` : ''].filter(Boolean).join(' · '))}</p>`).join('');
  const skills = (r.skills ?? []).map((s) => `<p><b>${esc(s.name)}:</b> ${esc((s.keywords ?? []).join(', '))}</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(b.name)}</title>
  <style>body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; } h1 { font-size: 22pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin-bottom: 0; }</style></head><body>
  <h1>${esc(b.name)}</h1>${b.label ? `<p>${esc(b.label)}</p>` : ''}
  <p>${contact.join(' | ')}</p>
  ${b.summary ? `<h2>Profile</h2><p>${esc(b.summary)}</p>` : ''}
  ${work ? `<h2>Professional Experience</h2>${work}` : ''}
  ${education ? `<h2>Education</h2>${education}` : ''}
  ${skills ? `<h2>Technical Skills</h2>${skills}` : ''}
  </body></html>`;
}

/** What the classic layout prints, as the JSON Resume an import should give back: education by years. */
export function classicExpected(r) {
  return { ...r, education: (r.education ?? []).map((e) => ({ ...e, startDate: year(e.startDate), endDate: year(e.endDate) })) };
}

export function twoColumns(r, { table = false } = {}) {
  const b = r.basics ?? {};
  const side = `
    <h2>Contact</h2>${[b.email, b.phone].filter(Boolean).map((c) => `<p>${esc(c)}</p>`).join('')}
    ${links(b).map((u) => `<p><a href="${esc(u)}">${esc(visible(u))}</a></p>`).join('')}
    <h2>Skills</h2>${(r.skills ?? []).map((s) => `<p><b>${esc(s.name)}:</b> ${esc((s.keywords ?? []).join(', '))}</p>`).join('')}
    <h2>Education</h2>${(r.education ?? []).map((e) => `<p><b>${esc(e.institution)}</b></p><p>${esc([e.studyType, e.area].filter(Boolean).join(' in '))}</p><p>${esc(range(named, e.startDate, e.endDate))}</p>`).join('')}`;
  const main = `
    ${b.summary ? `<h2>Summary</h2><p>${esc(b.summary)}</p>` : ''}
    <h2>Experience</h2>${(r.work ?? []).map((w) => `<p><b>${esc(w.position)}</b></p><p>${esc(w.name)} · ${esc(range(named, w.startDate, w.endDate))}</p>
      ${(w.highlights ?? []).length ? `<ul>${w.highlights.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>` : ''}`).join('')}`;
  const body = table
    ? `<table width="100%" cellpadding="8"><tr><td width="32%" valign="top">${side}</td><td valign="top">${main}</td></tr></table>`
    : `<div style="display: flex; gap: 24pt"><div style="width: 32%">${side}</div><div style="flex: 1">${main}</div></div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(b.name)}</title>
  <style>@page { size: A4; margin: 36pt; } body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; margin: 0; } h1 { font-size: 24pt; margin: 0; }
  h2 { font-size: 12pt; text-transform: uppercase; color: #234; margin: 12pt 0 4pt; } p { margin: 0 0 2pt; } ul { margin: 2pt 0 6pt; padding-left: 14pt; }</style></head><body>
  <h1>${esc(b.name)}</h1><p>${esc(b.label)}</p>${body}</body></html>`;
}

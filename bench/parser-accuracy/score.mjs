// Scores OpenResume's reading of rendered resumes against the JSON Resume each was rendered from.
// usage: node score.mjs PARSED.json MANIFEST.tsv   (manifest lines: pdf<TAB>source.json<TAB>track<TAB>paper)
// A field counts only where the source has it; pre-1.0 names (company, website) count as their 1.0.0 twins.
import { readFileSync } from "node:fs";

const [parsedPath, manifestPath] = process.argv.slice(2);
const parsed = JSON.parse(readFileSync(parsedPath, "utf8"));
const rows = readFileSync(manifestPath, "utf8").trim().split("\n").map((line) => line.split("\t"));

// Published resumes carry trailing commas and // comments; the app reads them, so the scorer does too.
const readJson = (path) => JSON.parse(readFileSync(path, "utf8").replace(/^\s*\/\/.*$/gm, "").replace(/,(\s*[}\]])/g, "$1"));
const norm = (text) => (text ?? "").normalize("NFC").toLowerCase().replace(/[\s\u00a0]+/g, " ").trim();
const digits = (text) => (text ?? "").replace(/\D/g, "");
const bareUrl = (text) => norm(text).replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/$/, "");
const year = (date) => /^(\d{4})/.exec(String(date ?? ""))?.[1];
const present = (value) => typeof value === "string" ? value.trim() !== "" : value != null;

const tally = new Map();
// MISSES=1 lists every miss on stderr (file, field, the author's text, the parser's), to see which rule failed.
const misses = process.env.MISSES ? [] : null;
let current = "";
const count = (field, ok, expected, got) => {
  if (!ok && misses) misses.push(`${current}\t${field}\t${JSON.stringify(expected)}\t${JSON.stringify(got)}`);
  const entry = tally.get(field) ?? { ok: 0, total: 0 };
  entry.total += 1;
  entry.ok += ok ? 1 : 0;
  tally.set(field, entry);
};

const datesMatch = (text, start, end) => {
  const got = norm(text);
  const from = year(start);
  const to = end && !/present/i.test(end) ? year(end) : undefined;
  return (!from || got.includes(from)) && (to ? got.includes(to) : !from || got.includes("present") || !present(end));
};

// Pairs source entries with parsed ones in order, as a sequence alignment that reads the most fields right (an
// entry pairs only where at least one field matches): an entry the parser lost (merged into its neighbour) counts as
// missed without shifting every entry after it onto the wrong partner, even when several share a company.
const align = (expected, parsedEntries, fieldsRight) => {
  const rows = expected.length;
  const columns = parsedEntries.length;
  const best = Array.from({ length: rows + 1 }, () => new Array(columns + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      const right = fieldsRight(expected[i], parsedEntries[j]);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], right > 0 ? right + best[i + 1][j + 1] : 0);
    }
  }
  const partners = new Array(rows).fill({}); // Not one of its fields read: the entry counts as missed.
  for (let i = 0, j = 0; i < rows && j < columns;) {
    const right = fieldsRight(expected[i], parsedEntries[j]);
    if (right > 0 && best[i][j] === right + best[i + 1][j + 1]) partners[i++] = parsedEntries[j++];
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return partners;
};

let invented = 0;
for (const [pdf, source] of rows) {
  const resume = readJson(source);
  const got = parsed[pdf] ?? {};
  current = pdf.split("/").pop();
  const profile = got.profile ?? {};
  const basics = resume.basics ?? {};
  if (present(basics.name)) count("name", norm(profile.name) === norm(basics.name), basics.name, profile.name);
  if (present(basics.email)) count("email", norm(profile.email) === norm(basics.email), basics.email, profile.email);
  if (digits(basics.phone).length >= 6) count("phone", digits(profile.phone) === digits(basics.phone), basics.phone, profile.phone);
  // A parser keeps one address; any of the author's own (website or a profile) read whole counts.
  const addresses = [basics.url ?? basics.website, ...(basics.profiles ?? []).map((profile) => profile.url)].filter(present);
  if (addresses.length > 0) count("website", addresses.some((address) => bareUrl(profile.url) === bareUrl(address)), addresses, profile.url);

  const work = (resume.work ?? []).filter((job) => present(job.name ?? job.company) || present(job.position));
  const gotWork = got.workExperiences ?? [];
  const workPartners = align(work, gotWork, (job, entry) => (norm(entry.company) === norm(job.name ?? job.company))
    + (norm(entry.jobTitle) === norm(job.position)) + (norm(entry.date) !== "" && datesMatch(entry.date, job.startDate, job.endDate)));
  work.forEach((job, index) => {
    const entry = workPartners[index];
    if (present(job.name ?? job.company)) count("work company", norm(entry.company) === norm(job.name ?? job.company), job.name ?? job.company, entry.company);
    if (present(job.position)) count("work title", norm(entry.jobTitle) === norm(job.position), job.position, entry.jobTitle);
    if (present(job.startDate) || present(job.endDate)) count("work dates", datesMatch(entry.date, job.startDate, job.endDate), [job.startDate, job.endDate], entry.date);
  });
  invented += Math.max(0, gotWork.filter((entry) => present(entry.company) || present(entry.jobTitle)).length - work.length);

  const education = (resume.education ?? []).filter((school) => present(school.institution));
  const gotEducation = got.educations ?? [];
  const degreeOf = (school) => [school.studyType, school.area].filter(present).map(norm);
  const degreeRight = (school, entry) => degreeOf(school).length > 0 && degreeOf(school).every((part) => norm(entry.degree).includes(part));
  const schoolPartners = align(education, gotEducation, (school, entry) => (norm(entry.school) === norm(school.institution))
    + degreeRight(school, entry) + (norm(entry.date) !== "" && datesMatch(entry.date, school.startDate, school.endDate)));
  education.forEach((school, index) => {
    const entry = schoolPartners[index];
    count("education school", norm(entry.school) === norm(school.institution), school.institution, entry.school);
    if (degreeOf(school).length > 0) count("education degree", degreeRight(school, entry), degreeOf(school), entry.degree);
    if (present(school.startDate) || present(school.endDate)) count("education dates", datesMatch(entry.date, school.startDate, school.endDate), [school.startDate, school.endDate], entry.date);
  });
  invented += Math.max(0, gotEducation.filter((entry) => present(entry.school) || present(entry.degree)).length - education.length);
}

let ok = 0;
let total = 0;
console.log(`| field | read right | of | % |\n|---|---:|---:|---:|`);
for (const [field, entry] of tally) {
  ok += entry.ok;
  total += entry.total;
  console.log(`| ${field} | ${entry.ok} | ${entry.total} | ${(100 * entry.ok / entry.total).toFixed(1)} |`);
}
console.log(`| **all fields** | ${ok} | ${total} | ${(100 * ok / total).toFixed(1)} |`);
if (misses) console.error(misses.join("\n"));
console.log(`\nInvented entries (work or education entries beyond the source's): ${invented}; PDFs: ${rows.length}.`);

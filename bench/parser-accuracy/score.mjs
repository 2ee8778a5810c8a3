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
const count = (field, ok) => {
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

// Pairs source entries with parsed ones in order: an entry the parser lost (merged into its neighbour) counts as
// missed, without shifting every entry after it onto the wrong partner.
const aligner = (parsedEntries, same) => {
  let next = 0;
  return (expected) => {
    const found = parsedEntries.findIndex((entry, index) => index >= next && same(entry, expected));
    if (found < 0) return {}; // Not one of its fields read: the entry counts as missed.
    next = found + 1;
    return parsedEntries[found];
  };
};

let invented = 0;
for (const [pdf, source] of rows) {
  const resume = readJson(source);
  const got = parsed[pdf] ?? {};
  const profile = got.profile ?? {};
  const basics = resume.basics ?? {};
  if (present(basics.name)) count("name", norm(profile.name) === norm(basics.name));
  if (present(basics.email)) count("email", norm(profile.email) === norm(basics.email));
  if (digits(basics.phone).length >= 6) count("phone", digits(profile.phone) === digits(basics.phone));
  // A parser keeps one address; any of the author's own (website or a profile) read whole counts.
  const addresses = [basics.url ?? basics.website, ...(basics.profiles ?? []).map((profile) => profile.url)].filter(present);
  if (addresses.length > 0) count("website", addresses.some((address) => bareUrl(profile.url) === bareUrl(address)));

  const work = (resume.work ?? []).filter((job) => present(job.name ?? job.company) || present(job.position));
  const gotWork = got.workExperiences ?? [];
  const nextWork = aligner(gotWork, (entry, job) => norm(entry.company) === norm(job.name ?? job.company) || norm(entry.jobTitle) === norm(job.position)
    || norm(entry.date) !== "" && datesMatch(entry.date, job.startDate, job.endDate));
  work.forEach((job) => {
    const entry = nextWork(job);
    if (present(job.name ?? job.company)) count("work company", norm(entry.company) === norm(job.name ?? job.company));
    if (present(job.position)) count("work title", norm(entry.jobTitle) === norm(job.position));
    if (present(job.startDate) || present(job.endDate)) count("work dates", datesMatch(entry.date, job.startDate, job.endDate));
  });
  invented += Math.max(0, gotWork.filter((entry) => present(entry.company) || present(entry.jobTitle)).length - work.length);

  const education = (resume.education ?? []).filter((school) => present(school.institution));
  const gotEducation = got.educations ?? [];
  const nextSchool = aligner(gotEducation, (entry, school) => norm(entry.school) === norm(school.institution) || norm(entry.date) !== "" && datesMatch(entry.date, school.startDate, school.endDate));
  education.forEach((school) => {
    const entry = nextSchool(school);
    count("education school", norm(entry.school) === norm(school.institution));
    const degree = [school.studyType, school.area].filter(present).map(norm);
    if (degree.length > 0) count("education degree", degree.every((part) => norm(entry.degree).includes(part)));
    if (present(school.startDate) || present(school.endDate)) count("education dates", datesMatch(entry.date, school.startDate, school.endDate));
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
console.log(`\nInvented entries (work or education entries beyond the source's): ${invented}; PDFs: ${rows.length}.`);

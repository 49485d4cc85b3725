// Raw entry → validated paper metadata, or every problem with the line it is on.
// Each field is checked on its own, so one run reports all of a file's problems.
import { z } from "zod";
import { closest } from "../util/closest.ts";
import { formatArxivId, parseArxivId } from "../util/arxiv-id.ts";
import { FIRST_PUBLISHED_YEAR, isCalendarDate, yearOf } from "../util/dates.ts";
import { codePointLabel } from "../diagnostics/format.ts";
import type { RuleIn } from "../diagnostics/rules.ts";
import { applyTextRule, type TextField } from "./text-rules.ts";
import { SLUG_PATTERN, suggestSlug } from "./discover.ts";
import { LINK_KINDS, type Diagnostic, type PaperIdentity, type PaperLinks, type PaperMeta, type RawEntry } from "../types.ts";

/** Longest title accepted; the longest arXiv titles run to about 250 characters. */
export const MAX_TITLE = 500;
const MAX_NAME = 300;
const MAX_AUTHORS = 5000;
export const MAX_TAGS = 12;

/** How a value looks to a person reading the error: "a string", "a list", … */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a set of fields";
  if (typeof value === "boolean") return `${value} (a yes/no value)`;
  if (typeof value === "number") return "a number";
  if (typeof value === "string") return value.trim() === "" ? "an empty string" : "a string";
  return typeof value;
}

const typeError = (expected: string) => (issue: { input?: unknown; code?: string }) =>
  issue.code === "invalid_type" ? `expected ${expected}, got ${describeValue(issue.input)}` : undefined;

/** Applies the text rule (text-rules.ts) inside a schema: the value as stored, or its problem as an issue. */
const ruled = (field: TextField) => (raw: string, ctx: z.RefinementCtx) => {
  const result = applyTextRule(raw, field);
  if (result.problem === undefined) return result.value;
  ctx.addIssue({ code: "custom", message: result.problem });
  return z.NEVER;
};

/** Text shown to readers: one line, checked by the text rule, at most `max` characters. */
const text = (expected: string, max: number) =>
  z
    .string({ error: typeError(expected) })
    .transform(ruled({ kind: "text", expected }))
    .superRefine((s, ctx) => {
      if ([...s].length > max) ctx.addIssue({ code: "custom", message: `is ${[...s].length} characters long; at most ${max} are allowed` });
    });

/** An absolute http(s) URL; anything else (`javascript:`, `data:`, relative paths) is refused. */
export function checkWebUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL (expected one starting with https://)`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `only http(s) links are allowed, got a ${url.protocol} URL`;
  }
  if (/\s/.test(value)) return `"${value}" contains spaces (encode them as %20)`;
  if (!url.hostname) return `"${value}" has no host name`;
  // `https://arxiv.org@evil.example/` reads as arXiv but goes elsewhere.
  if (url.username || url.password) return `"${value}" contains a user name or password before an @, which hides where the link goes`;
  const invisible = /[\p{Cc}\p{Cf}]/u.exec(value);
  // Not echoed: a right-to-left override would scramble the message itself.
  if (invisible) return `the address contains the invisible character ${codePointLabel(invisible[0])}; retype it`;
  if (/#.*#/.test(value)) return `"${value}" contains a second #; write it as %23`;
  return undefined;
}

/**
 * A front-matter address goes into `href` exactly as typed (Markdown links are
 * percent-encoded by the renderer), so it may only hold characters a URL may:
 * the Nu HTML Checker rejects these, and `"` or `<` have no business in a link.
 */
function checkTypedUrl(value: string): string | undefined {
  const bad = /["<>\\^`{|}[\]]|%(?![0-9A-Fa-f]{2})/.exec(value);
  if (!bad) return undefined;
  const escape = `%${bad[0].charCodeAt(0).toString(16).toUpperCase()}`;
  if (bad[0] === "%") return `"${value}" contains a % that does not start an escape like %20; write it as %25`;
  return `"${value}" contains ${bad[0] === '"' ? "a double quote" : `"${bad[0]}"`}, which a web address cannot contain; write it as ${escape}`;
}

const webUrl = z
  .string({ error: typeError("a web address starting with https://") })
  .transform(ruled({ kind: "identifier", expected: "a web address starting with https://", subject: "the address" }))
  .superRefine((s, ctx) => {
    const problem = checkWebUrl(s) ?? checkTypedUrl(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

/**
 * A GitHub login as GitHub accepts one at sign-up: letters, digits and single
 * hyphens, neither first nor last, at most 39 characters. Nothing else can be
 * put after https://github.com/ on a page (site/links.ts checks it again).
 */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

const FIELDS = {
  title: text("the paper's title as text", MAX_TITLE),
  authors: z
    .array(text("an author's name", MAX_NAME), { error: typeError("a list of names") })
    .min(1, { error: "is an empty list; give at least one author" })
    .max(MAX_AUTHORS, { error: `lists more than ${MAX_AUTHORS} authors` }),
  arxiv: z
    .string({ error: typeError("an arXiv id such as 2510.04567") })
    .transform((s) => s.trim())
    .transform((s, ctx) => {
      const parsed = parseArxivId(s);
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: `"${s}" is not an arXiv id (expected e.g. 2510.04567, 2510.04567v2 or hep-th/9901001)` });
        return z.NEVER;
      }
      return parsed;
    }),
  doi: z
    .string({ error: typeError("a DOI such as 10.1145/3292500.3330701") })
    // In NFC before anything compares it: the same DOI typed in NFC and in NFD is one paper.
    .transform(ruled({ kind: "identifier", expected: "a DOI such as 10.1145/3292500.3330701", subject: "the DOI" }))
    .superRefine((s, ctx) => {
      if (!DOI_PATTERN.test(s)) ctx.addIssue({ code: "custom", message: `"${s}" is not a DOI (expected e.g. 10.1145/3292500.3330701)` });
    }),
  url: webUrl,
  published: z.string({ error: typeError("a date written YYYY-MM-DD") }).superRefine((s, ctx) => {
    if (!isCalendarDate(s)) {
      const message = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s} is not a real calendar date` : `"${s}" is not a date written YYYY-MM-DD`;
      ctx.addIssue({ code: "custom", message });
    } else if (yearOf(s) < FIRST_PUBLISHED_YEAR) {
      ctx.addIssue({ code: "custom", message: `${s} is in the year ${yearOf(s)}, before ${FIRST_PUBLISHED_YEAR}; check the digits of the year` });
    }
  }),
  venue: text("the venue as text, e.g. NeurIPS 2024", MAX_NAME),
  tags: z
    .array(
      z.string({ error: typeError("a tag such as machine-learning") }).superRefine((s, ctx) => {
        if (!SLUG_PATTERN.test(s))
          ctx.addIssue({ code: "custom", message: `"${s}" is not a valid tag (lowercase letters, digits and single hyphens, e.g. ${suggestSlug(s)})` });
      }),
      { error: typeError("a list of tags") },
    )
    .max(MAX_TAGS, { error: `has more than ${MAX_TAGS} tags` })
    .superRefine((tags, ctx) => {
      const seen = new Set<string>();
      tags.forEach((tag, index) => {
        if (seen.has(tag)) ctx.addIssue({ code: "custom", path: [index], message: `"${tag}" is listed twice` });
        seen.add(tag);
      });
    }),
  // Not z.record: its copy turns a `__proto__` key into the copy's prototype, and the key vanished unreported.
  links: z.unknown().transform((record, ctx) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      ctx.addIssue({ code: "custom", message: `expected a set of links (${LINK_KINDS.join(", ")}), got ${describeValue(record)}` });
      return z.NEVER;
    }
    const links: PaperLinks = {};
    for (const [kind, value] of Object.entries(record)) {
      if (!(LINK_KINDS as readonly string[]).includes(kind)) {
        ctx.addIssue({ code: "custom", path: [kind], message: `"${kind}" is not a kind of link (expected one of ${LINK_KINDS.join(", ")})` });
        continue;
      }
      const parsed = webUrl.safeParse(value);
      if (parsed.success) links[kind as keyof PaperLinks] = parsed.data;
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [kind], message: issue.message });
    }
    return links;
  }),
  submitted_by: z.string({ error: typeError("a GitHub user name") }).superRefine((s, ctx) => {
    if (!GITHUB_LOGIN.test(s)) {
      ctx.addIssue({ code: "custom", message: `"${s}" is not a GitHub user name${s.startsWith("@") ? " (leave out the @)" : ""}` });
    }
  }),
  draft: z.boolean({ error: typeError("true or false") }),
} as const;

type FieldName = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
const REQUIRED: FieldName[] = ["title", "authors"];

/** How to fix each field, shown under its problems. */
const FIXES: Record<FieldName, string> = {
  title: `write the title on one line, in quotes if it contains a colon, e.g.
  title: "BAQ: Efficient Bit Allocation Quantization for Large Language Models"`,
  authors: `write each author on its own line, e.g.
  authors:
    - Chao Zhang
    - Li Wang`,
  arxiv: `write the id as arXiv shows it, in quotes, e.g.
  arxiv: "2510.04567"`,
  doi: `write the bare DOI, without https://doi.org/, e.g.
  doi: 10.1145/3292500.3330701`,
  url: "give the paper's page as a full https:// address",
  published: `write the date the paper first appeared as YYYY-MM-DD, e.g.
  published: 2025-10-03`,
  venue: `write the venue as text, e.g.
  venue: NeurIPS 2024`,
  tags: `write each tag on its own line in lowercase with hyphens, e.g.
  tags:
    - quantization
    - large-language-models`,
  links: `give each link a kind and a full https:// address, e.g.
  links:
    code: https://github.com/owner/repo
    project: https://example.org/project`,
  submitted_by: `write your GitHub user name without the @, e.g.
  submitted_by: octocat`,
  draft: `write draft: true to keep the paper out of the published site, or remove the line`,
};

/** Validates a raw entry's front matter; returns the metadata or every problem found. */
export function validatePaper(entry: RawEntry): { meta?: PaperMeta; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineOf = (fieldPath: string) => {
    for (let p = fieldPath; p; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
      const line = entry.lines[p];
      if (line) return line;
    }
    return 1;
  };
  const report = (field: string, message: string, rule: RuleIn<"schema">, fix?: string) =>
    diagnostics.push({ file: entry.path, line: lineOf(field), field, message, rule, ...(fix ? { fix } : {}) });

  const values: Partial<Record<FieldName, unknown>> = {};
  for (const [key, value] of Object.entries(entry.data)) {
    if (!(FIELD_NAMES as string[]).includes(key)) {
      const near = closestField(key);
      report(key, `"${key}" is not a known field`, "schema/unknown-field", near ? `did you mean "${near}"?` : `the fields are: ${FIELD_NAMES.join(", ")}`);
      continue;
    }
    const field = key as FieldName;
    const result = FIELDS[field].safeParse(value);
    if (result.success) {
      values[field] = result.data;
    } else {
      for (const issue of result.error.issues) {
        const where = [field, ...issue.path.map(String)].join(".");
        report(where, issue.message, `schema/${field}`, FIXES[field]);
      }
    }
  }
  const misspelt = new Set(
    Object.keys(entry.data)
      .filter((key) => !(FIELD_NAMES as string[]).includes(key))
      .map(closestField),
  );
  for (const field of REQUIRED) {
    // A misspelt `auhtors` was already reported with its correction.
    if (!(field in entry.data) && !misspelt.has(field))
      report(field, `is missing; every paper needs ${field === "title" ? "a title" : "its authors"}`, "schema/missing-field", FIXES[field]);
  }
  if (!("arxiv" in entry.data) && !("doi" in entry.data) && !("url" in entry.data)) {
    diagnostics.push({
      file: entry.path,
      line: 1,
      field: "arxiv",
      rule: "schema/missing-identifier",
      message: "the paper has no arxiv, doi or url; give at least one so readers can find it",
      fix: `add its arXiv id (arxiv: "2510.04567"), its DOI (doi: 10.1145/…) or its web page (url: https://…)`,
    });
  }
  if (diagnostics.length > 0) return { diagnostics };

  const v = values as { [K in FieldName]?: z.output<(typeof FIELDS)[K]> };
  const meta: PaperMeta = {
    title: v.title!,
    authors: v.authors!,
    tags: v.tags ?? [],
    links: v.links ?? {},
    draft: v.draft ?? false,
    ...(v.arxiv ? { arxiv: v.arxiv } : {}),
    ...(v.doi ? { doi: v.doi } : {}),
    ...(v.url ? { url: v.url } : {}),
    ...(v.published ? { published: v.published } : {}),
    ...(v.venue ? { venue: v.venue } : {}),
    ...(v.submitted_by ? { submittedBy: v.submitted_by } : {}),
  };
  return { meta, diagnostics };
}

/** The known field nearest to a misspelt one (`auhtors` → `authors`), if any is close. */
function closestField(key: string): FieldName | undefined {
  return closest(key, FIELD_NAMES);
}

/** The id as it appears in messages about duplicates. */
export function describeIdentifier(meta: Pick<PaperMeta, "arxiv" | "doi" | "url">): string {
  if (meta.arxiv) return `arXiv ${formatArxivId(meta.arxiv)}`;
  if (meta.doi) return `DOI ${meta.doi}`;
  return meta.url ?? "";
}

/** A paper's identity from its validated front matter: its route id (versionless arXiv id, else slug) and identifiers. */
export function identify(entry: RawEntry, meta: PaperMeta): PaperIdentity {
  const { lines } = entry;
  return {
    path: entry.path,
    id: meta.arxiv ? meta.arxiv.id : entry.slug,
    ...(meta.arxiv ? { arxiv: meta.arxiv } : {}),
    ...(meta.doi ? { doi: meta.doi } : {}),
    ...(meta.url ? { url: meta.url } : {}),
    lines: { ...(lines.arxiv ? { arxiv: lines.arxiv } : {}), ...(lines.doi ? { doi: lines.doi } : {}) },
  };
}

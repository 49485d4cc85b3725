// The scheduled workflow's pull request body: the papers its branch adds,
// each with title, authors and arXiv link, for maintainers to prune before
// merging. Titles and names come from arXiv and are untrusted: here they are
// plain text, every Markdown character escaped, and `@name`, `#123` and web
// addresses broken with an invisible word joiner, so nothing in them can
// notify a person, link an issue, or pose as a link. A hidden marker keeps
// the ids proposed before (by this pull request and, carried over, by the
// previous one), so a paper a maintainer pruned or rejected is not proposed
// again on a later run (the workflow passes the body to --skip-ids).
//
//   node --import tsx scripts/commands/suggest-body.ts body <file listing paper files> [<previous body>]
//   node --import tsx scripts/commands/suggest-body.ts ids <previous body>
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseFrontMatter } from "../content/front-matter.ts";
import { validatePaper } from "../content/paper-schema.ts";
import { arxivAbsUrl, parseArxivId } from "../util/arxiv-id.ts";
import type { ArxivId } from "../types.ts";

/** One proposed paper, as the body lists it. */
export interface Suggestion {
  file: string;
  title: string;
  authors: string[];
  arxiv?: ArxivId;
  url?: string;
}

const MARKER = /<!--\s*paperboy-suggested:([^>]*?)-->/;
/** GitHub refuses a body over 65,536 characters; a day is far shorter, a runaway list is cut. */
const MAX_LISTED = 300;
/** The marker carries over from one pull request to the next; the newest ids are kept, about 22 KB of them. */
const MAX_REMEMBERED = 2000;
const MAX_TITLE = 300;
const AUTHORS_SHOWN = 3;
const WORD_JOINER = "\u2060";

/**
 * Untrusted text as inert Markdown: one line, no control or direction
 * characters, Markdown punctuation escaped, mentions, references and
 * addresses broken so GitHub neither notifies, links nor autolinks.
 */
export function inertMarkdown(text: string, max = MAX_TITLE): string {
  let line = text
    .replace(/[\s\u2028\u2029]+/g, " ")
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, "")
    .trim();
  if (line.length > max) line = `${line.slice(0, max - 1)}…`;
  return line
    .replace(/[\\`*_{}[\]()<>#+!|~&:$-]/g, "\\$&")
    .replace(/@/g, `@${WORD_JOINER}`)
    .replace(/\\#(?=\w)/g, `\\#${WORD_JOINER}`)
    .replace(/\b(gh)(\\-)(?=\d)/gi, `$1${WORD_JOINER}$2`)
    .replace(/(https?|ftp)(?=\\:)|(www)(?=\.)/gi, `$&${WORD_JOINER}`);
}

/** The ids a previous body's marker lists (the only part of an edited body that is read). */
export function suggestedIds(body: string): string[] {
  const listed = MARKER.exec(body)?.[1] ?? "";
  return [
    ...new Set(
      listed
        .split(/\s+/)
        .map((token) => parseArxivId(token)?.id)
        .filter((id): id is string => id !== undefined),
    ),
  ];
}

/** The pull request's body for the papers `suggestions` lists; `previous` ids stay in the marker. */
export function renderSuggestionBody(suggestions: readonly Suggestion[], previous: readonly string[] = []): string {
  const listed = suggestions.slice(0, MAX_LISTED).map((s) => {
    const authors = s.authors
      .slice(0, AUTHORS_SHOWN)
      .map((a) => inertMarkdown(a, 100))
      .join(", ");
    const more = s.authors.length > AUTHORS_SHOWN ? ` et al. (${s.authors.length} authors)` : "";
    // The link is ours, made from the validated id (or the file's checked https address), never from a source's text.
    const link = s.arxiv ? arxivAbsUrl({ id: s.arxiv.id }) : s.url;
    const title = inertMarkdown(s.title);
    return `- ${link ? `[${title}](${link})` : title} — ${authors}${more}  \n  \`${s.file}\``;
  });
  if (suggestions.length > MAX_LISTED) listed.push(`- … and ${suggestions.length - MAX_LISTED} more; see *Files changed*.`);
  const ids = [...new Set([...previous, ...suggestions.flatMap((s) => (s.arxiv ? [s.arxiv.id] : []))])].slice(-MAX_REMEMBERED);
  return [
    `The scheduled import (\`.github/workflows/suggest.yml\`) proposes ${suggestions.length === 1 ? "this paper" : `these ${suggestions.length} papers`}. Nothing is published until a maintainer merges.`,
    "",
    "**Before merging:** delete the file of every paper that does not belong in the digest (*Files changed* → ⋯ → *Delete file*), and edit what needs it (a summary in your own words, the tags). A paper deleted here is not proposed again.",
    "",
    "**Checks:** a pull request opened by GitHub Actions does not start the *Check* workflow by itself. The import already ran `npm run check` and `npm run build` on these files; to run *Check* here, push a commit to this branch (deleting a file counts) or close and reopen the pull request.",
    "",
    ...listed,
    "",
    `<!-- paperboy-suggested: ${ids.join(" ")} -->`,
    "",
  ].join("\n");
}

/** Reads the proposed paper files (paths relative to `root`); anything that is not a readable paper is left out. */
export async function readSuggestions(root: string, files: readonly string[]): Promise<Suggestion[]> {
  const suggestions: Suggestion[] = [];
  for (const file of files) {
    const match = /^content\/papers\/([^/]+)\/([^/]+)\.md$/.exec(file);
    if (!match) continue;
    let text: string;
    try {
      text = await readFile(path.join(root, file), "utf8");
    } catch {
      continue;
    }
    const { entry } = parseFrontMatter({ path: file, text, day: match[1]!, slug: match[2]! });
    const meta = entry && validatePaper(entry).meta;
    if (!meta) continue;
    suggestions.push({ file, title: meta.title, authors: meta.authors, ...(meta.arxiv ? { arxiv: meta.arxiv } : {}), ...(meta.url ? { url: meta.url } : {}) });
  }
  return suggestions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function main(args: string[]): Promise<number> {
  const [command, listFile, previousFile] = args;
  const readOptional = async (file: string | undefined) => (file ? readFile(file, "utf8").catch(() => "") : "");
  if (command === "ids" && listFile) {
    for (const id of suggestedIds(await readOptional(listFile))) process.stdout.write(`${id}\n`);
    return 0;
  }
  if (command === "body" && listFile) {
    const files = (await readFile(listFile, "utf8"))
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const suggestions = await readSuggestions(process.cwd(), files);
    process.stdout.write(renderSuggestionBody(suggestions, suggestedIds(await readOptional(previousFile))));
    return 0;
  }
  process.stderr.write("usage: suggest-body.ts body <file listing paper files> [<previous body>] | ids <previous body>\n");
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

// Shared by the tests: where things are, and throwaway sites in temp folders.
import { cp, mkdtemp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach } from "vitest";
import { build, type BuildOptions, type BuildResult } from "../../scripts/commands/build.ts";
import { listTree } from "../../scripts/util/list-tree.ts";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The generator's theme (scripts/theme/); a fixture site without templates/ of its own is built with it alone. */
export const THEME = path.join(ROOT, "scripts", "theme");
/** The fixture sites. */
export const FIXTURES = path.join(ROOT, "test", "fixtures");

const madeForTest: string[] = [];
const madeForFile: string[] = [];
const removeAll = (dirs: string[]) => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
afterEach(() => removeAll(madeForTest));
afterAll(() => removeAll(madeForFile));

/** A temp folder, removed after the test (or, with `scope: "file"`, after the test file). */
export async function tempDir(prefix = "paperboy-test-", scope: "test" | "file" = "test"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  (scope === "test" ? madeForTest : madeForFile).push(dir);
  return dir;
}

/** Builds a fixture (or any site folder) in memory, with the theme (and the site's own templates/, if it has one) and no SITE_URL. */
export function buildSite(root: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({ root, env: {}, write: false, ...options });
}

/** Copies a fixture to a temp folder, so a test may change it. */
export async function copyFixture(name: string, scope: "test" | "file" = "test"): Promise<string> {
  const dir = await tempDir("paperboy-test-", scope);
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Copies one of the theme's files into the site's own templates/ (as a site restyling it would), and returns where. */
export async function overrideTemplate(root: string, file: string): Promise<string> {
  const target = path.join(root, "templates", file);
  await mkdir(path.dirname(target), { recursive: true });
  await cp(path.join(THEME, file), target);
  return target;
}

/** Writes files (path → text) under `root`, creating folders. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

/** A site with the basic fixture's configuration and exactly the given paper files. */
export async function siteWith(papers: Record<string, string>): Promise<string> {
  const root = await tempDir();
  await writeFiles(root, { "paperboy.config.yaml": await readFile(path.join(FIXTURES, "basic", "paperboy.config.yaml"), "utf8"), ...papers });
  await mkdir(path.join(root, "content", "papers"), { recursive: true });
  return root;
}

/** A valid paper file, with fields overridden or removed (`undefined`). */
export function paperFile(fields: Record<string, string | undefined> = {}, body = "A summary of the paper in one sentence."): string {
  const defaults: Record<string, string> = {
    title: "title: A Valid Paper",
    authors: "authors:\n  - Ada Lovelace",
    arxiv: 'arxiv: "2501.00001"',
  };
  const merged: Record<string, string | undefined> = { ...defaults, ...fields };
  const lines = Object.values(merged).filter((v): v is string => v !== undefined);
  return `---\n${lines.join("\n")}\n---\n${body}\n`;
}

/** Text of an output file. */
export function textOf(result: BuildResult, file: string): string {
  const found = result.files?.find((f) => f.path === file);
  if (!found) throw new Error(`no output file ${file}; have ${result.files?.map((f) => f.path).join(", ")}`);
  return typeof found.contents === "string" ? found.contents : Buffer.from(found.contents).toString("utf8");
}

import { parseFragment, type DefaultTreeAdapterMap } from "parse5";

const SCRIPTABLE_ELEMENTS = new Set([
  "script",
  "iframe",
  "frame",
  "object",
  "embed",
  "applet",
  "style",
  "link",
  "meta",
  "base",
  "form",
  "img",
  "video",
  "audio",
  "source",
  "foreignobject",
  "animate",
  "set",
  "template",
]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset"]);

/**
 * Parses HTML as a browser would and lists anything in it that could run code or
 * load from elsewhere: script-capable elements, `on*` handlers, non-http(s) URLs.
 * Text that merely looks like markup (escaped) is not markup and is not listed.
 */
export function findExecutable(html: string, allow: { svg?: boolean } = {}): string[] {
  const found: string[] = [];
  const walk = (node: DefaultTreeAdapterMap["node"]) => {
    if ("tagName" in node) {
      const tag = node.tagName.toLowerCase();
      // The templates' own forms (site search, search page, newsletter sign-up) are chrome, not content:
      // content cannot carry a class attribute past the sanitiser, so it cannot pose as them.
      const ownForm = tag === "form" && node.attrs.some((a) => a.name === "class" && ["site-search", "search-form", "newsletter-form"].includes(a.value));
      if ((SCRIPTABLE_ELEMENTS.has(tag) && !ownForm) || (tag === "svg" && !allow.svg)) found.push(`<${tag}>`);
      for (const attr of node.attrs) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) found.push(`${tag}[${name}]`);
        if (URL_ATTRIBUTES.has(name) && !/^(https?:|\/|#|mailto:)/i.test(attr.value.trim())) found.push(`${tag}[${name}=${attr.value}]`);
        if (name === "style" && /url\(|expression\(|javascript:/i.test(attr.value)) found.push(`${tag}[style=${attr.value}]`);
      }
    }
    if ("childNodes" in node) node.childNodes.forEach(walk);
    if ("content" in node && node.content) walk(node.content as unknown as DefaultTreeAdapterMap["node"]);
  };
  walk(parseFragment(html) as unknown as DefaultTreeAdapterMap["node"]);
  return found;
}

/** Every file under `dir` with its modification time and bytes, to prove a folder was not touched. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await listTree(dir)) {
    const info = await stat(path.join(dir, file));
    result[file] = `${info.mtimeMs}:${(await readFile(path.join(dir, file))).toString("base64")}`;
  }
  return result;
}

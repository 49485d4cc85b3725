// templates/ → compiled Handlebars templates and static assets. Templates are
// parsed and compiled once per build, in an isolated Handlebars environment with
// its helpers registered once; a syntax error is reported with its file and line.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { listTree } from "../util/list-tree.ts";
import type { Diagnostic, OutputFile } from "../types.ts";

/** Compiled templates, ready to render pages. */
export interface TemplateSet {
  /** Renders `pages/<name>.hbs` with the given context. */
  render(name: string, context: object): string;
  /** Names of the page templates (`day`, `paper`, …). */
  pages: string[];
  /** Static files from `templates/assets/`, to be copied to `assets/`. */
  assets: OutputFile[];
  /** Changes whenever any template or asset changes; part of every cache key. */
  version: string;
}

/** Escapes a value for a `<script type="application/ld+json">` block: no `</script>` can close it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("json", (value: unknown) => new hb.SafeString(jsonForScript(value)));
  hb.registerHelper("plural", (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`);
  return hb;
}

/** A template folder's files, without hidden ones (editor swap files), optionally only those ending in `ext`. */
async function listFiles(dir: string, ext?: string): Promise<string[]> {
  return (await listTree(dir)).filter((file) => !path.posix.basename(file).startsWith(".") && (!ext || file.endsWith(ext)));
}

/** How partials and pages compile, alike: a missing value renders empty, and a partial keeps its own indentation. */
const COMPILE_OPTIONS = { strict: false, preventIndent: true } as const;

/** Loads and compiles every template under `dir` (layouts, partials, pages) and reads its assets. */
export async function loadTemplates(dir: string, displayDir = "templates"): Promise<{ templates?: TemplateSet; diagnostics: Diagnostic[] }> {
  const hb = createEnvironment();
  const diagnostics: Diagnostic[] = [];
  const hash = createHash("sha256");
  const compiled = new Map<string, HandlebarsTemplateDelegate>();

  const parse = (file: string, source: string): boolean => {
    try {
      hb.parse(source);
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const line = Number(/line (\d+)/.exec(message)?.[1] ?? 0);
      diagnostics.push({ file: `${displayDir}/${file}`, line, rule: "template/syntax", message: `template syntax error: ${message.split("\n")[0]}`, fix: "check that every {{#block}} has its {{/block}} and every {{ has its }}" });
      return false;
    }
  };

  for (const folder of ["layouts", "partials"]) {
    for (const file of await listFiles(path.join(dir, folder), ".hbs")) {
      const source = await readFile(path.join(dir, folder, file), "utf8");
      hash.update(`${folder}/${file}\0${source}\0`);
      // Registered compiled: a partial registered as text is compiled again at every use.
      if (parse(`${folder}/${file}`, source)) hb.registerPartial(file.slice(0, -4), hb.compile(source, COMPILE_OPTIONS));
    }
  }
  const pages = await listFiles(path.join(dir, "pages"), ".hbs");
  for (const file of pages) {
    const source = await readFile(path.join(dir, "pages", file), "utf8");
    hash.update(`pages/${file}\0${source}\0`);
    if (parse(`pages/${file}`, source)) compiled.set(file.slice(0, -4), hb.compile(source, COMPILE_OPTIONS));
  }
  if (pages.length === 0) {
    diagnostics.push({ file: `${displayDir}/pages`, line: 0, rule: "template/missing", message: "there are no page templates", fix: "restore templates/pages/ from the Paperboy repository" });
  }

  const assets: OutputFile[] = [];
  for (const file of await listFiles(path.join(dir, "assets"))) {
    const contents = await readFile(path.join(dir, "assets", file));
    hash.update(`assets/${file}\0`).update(contents);
    assets.push({ path: `assets/${file}`, contents });
  }
  if (diagnostics.length > 0) return { diagnostics };

  const templates: TemplateSet = {
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`internal error: no page template "${name}", please report`);
      return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
    pages: pages.map((p) => p.slice(0, -4)),
    assets,
    version: hash.digest("hex").slice(0, 16),
  };
  return { templates, diagnostics };
}

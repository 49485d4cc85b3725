// The theme (scripts/theme/) and the site's own templates/ → compiled
// Handlebars templates and static assets. Templates are
// parsed and compiled once per build, in an isolated Handlebars environment with
// its helpers registered once; a syntax error is reported with its file and line.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { listTree } from "../util/list-tree.ts";
import { SOURCE_SCRIPTS } from "../util/source-root.ts";
import { byCodeUnit } from "../util/order.ts";
import { explainTemplateError } from "./template-errors.ts";
import type { Diagnostic, OutputFile } from "../types.ts";

/**
 * The generator's own theme: every layout, page, partial and asset a site
 * needs. A site changes its look with files of the same names in its own
 * `templates/`, so the theme itself is never edited by a fork and takes
 * upstream's improvements without conflicts.
 */
export const THEME_DIR = path.join(SOURCE_SCRIPTS, "theme");

/** The layers a site's templates come from: the theme, then the site's own `templates/`. */
export function templateLayers(siteTemplatesDir: string, themeDir = THEME_DIR): TemplateLayer[] {
  return [
    { dir: themeDir, display: "scripts/theme" },
    { dir: siteTemplatesDir, display: "templates" },
  ];
}

/** Compiled templates, ready to render pages. */
export interface TemplateSet {
  /** Renders `pages/<name>.hbs` with the given context. */
  render(name: string, context: object): string;
  /** Where a page template was read from, as messages name it (`scripts/theme/pages/day.hbs`). */
  pageFile(name: string): string;
  /** Names of the page templates (`day`, `paper`, …). */
  pages: string[];
  /** Static files from the theme's and the site's `assets/`, to be copied to `assets/`. */
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

/** A folder of templates, and how messages name it (`templates`, `scripts/theme`). */
export interface TemplateLayer {
  dir: string;
  display: string;
}

/**
 * Every file of one kind (`pages`, `assets`…) across the layers, a later
 * layer's file replacing an earlier one's of the same name: the site's
 * `templates/` over the generator's theme. Maps each name to where it is read.
 */
async function layered(layers: readonly TemplateLayer[], folder: string, ext?: string): Promise<Map<string, { path: string; display: string }>> {
  const files = new Map<string, { path: string; display: string }>();
  for (const layer of layers) {
    for (const file of await listFiles(path.join(layer.dir, folder), ext)) {
      files.set(file, { path: path.join(layer.dir, folder, file), display: `${layer.display}/${folder}/${file}` });
    }
  }
  return new Map([...files].sort(([a], [b]) => byCodeUnit(a, b)));
}

/** How partials and pages compile, alike: a missing value renders empty, and a partial keeps its own indentation. */
const COMPILE_OPTIONS = { strict: false, preventIndent: true } as const;

/** One file of the templates, read. */
interface TemplateFile {
  folder: "layouts" | "partials" | "pages" | "assets";
  /** Its name inside the folder (`paper.hbs`, `style.css`). */
  file: string;
  /** How messages name it (`templates/pages/paper.hbs`). */
  display: string;
  contents: Buffer;
}

/** Every template and asset, read but not compiled, and the version they make together. */
export interface TemplateSources {
  files: TemplateFile[];
  /** Changes whenever any template or asset changes; part of every page's fingerprint. */
  version: string;
  /** The first layer's name, for a message about missing pages. */
  display: string;
}

/**
 * Reads every template (layouts, partials, pages) and asset, from the theme and
 * then the site's own folder, whose files replace the theme's of the same name
 * and may add new ones. Nothing is compiled: a build that finds nothing changed
 * needs only the version.
 */
export async function readTemplates(layers: readonly TemplateLayer[]): Promise<TemplateSources> {
  const hash = createHash("sha256");
  const files: TemplateFile[] = [];
  for (const folder of ["layouts", "partials", "pages", "assets"] as const) {
    for (const [file, where] of await layered(layers, folder, folder === "assets" ? undefined : ".hbs")) {
      const contents = await readFile(where.path);
      hash.update(`${folder}/${file}\0`).update(contents).update("\0");
      files.push({ folder, file, display: where.display, contents });
    }
  }
  return { files, version: hash.digest("hex").slice(0, 16), display: layers[0]?.display ?? "templates" };
}

/** Reads and compiles every template (see `readTemplates`); a syntax error is a diagnostic naming its file and line. */
export async function loadTemplates(layers: readonly TemplateLayer[]): Promise<{ templates?: TemplateSet; diagnostics: Diagnostic[] }> {
  return compileTemplates(await readTemplates(layers));
}

/** Compiles templates read by `readTemplates`, in an isolated Handlebars environment. */
export function compileTemplates(sources: TemplateSources): { templates?: TemplateSet; diagnostics: Diagnostic[] } {
  const hb = createEnvironment();
  const diagnostics: Diagnostic[] = [];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const pageFiles = new Map<string, string>();

  const parse = (display: string, source: string): boolean => {
    try {
      hb.parse(source);
      return true;
    } catch (error) {
      const { line, message, fix } = explainTemplateError(error, source, (text) => hb.parse(text));
      diagnostics.push({ file: display, line, rule: "template/syntax", message: `template syntax error: ${message}`, fix });
      return false;
    }
  };

  const assets: OutputFile[] = [];
  for (const { folder, file, display, contents } of sources.files) {
    if (folder === "assets") {
      assets.push({ path: `assets/${file}`, contents });
      continue;
    }
    const source = contents.toString("utf8");
    const name = file.slice(0, -4);
    if (folder === "pages") pageFiles.set(name, display);
    if (!parse(display, source)) continue;
    // Registered compiled: a partial registered as text is compiled again at every use.
    if (folder === "pages") compiled.set(name, hb.compile(source, COMPILE_OPTIONS));
    else hb.registerPartial(name, hb.compile(source, COMPILE_OPTIONS));
  }
  if (pageFiles.size === 0) {
    diagnostics.push({ file: `${sources.display}/pages`, line: 0, rule: "template/missing", message: "there are no page templates", fix: "restore scripts/theme/ from the Paperboy repository" });
  }
  if (diagnostics.length > 0) return { diagnostics };

  const templates: TemplateSet = {
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`internal error: no page template "${name}", please report`);
      return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
    pageFile: (name) => pageFiles.get(name) ?? `templates/pages/${name}.hbs`,
    pages: [...pageFiles.keys()],
    assets,
    version: sources.version,
  };
  return { templates, diagnostics };
}

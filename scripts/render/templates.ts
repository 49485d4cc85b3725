// The theme (scripts/theme/) and the site's own templates/ → compiled
// Handlebars templates and static assets. Templates are
// parsed and compiled once per build, in an isolated Handlebars environment with
// its helpers registered once; a syntax error is reported with its file and line.
// The locale files (`locales/<lang>.json`) are layered the same way, and the one
// for the site's language is handed to every render as Handlebars data
// (`@locale`), which the `t` helper reads: no helper holds a language.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { listTree } from "../util/list-tree.ts";
import { SOURCE_SCRIPTS } from "../util/source-root.ts";
import { byCodeUnit } from "../util/order.ts";
import { explainTemplateError } from "./template-errors.ts";
import { localeLanguage, placeholders, resolveLocale, type Locale, type LocaleFile, type MessageValue } from "./locale.ts";
import { closest } from "../util/closest.ts";
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
  /** Renders `pages/<name>.hbs` with the given context, in the locale's language. */
  render(name: string, context: object): string;
  /** The interface strings of the site's language, which every page renders with. */
  locale: Locale;
  /** Keys the site's language lacks, shown in English: one line each for the build to report. */
  notices: string[];
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

/**
 * Escapes a string's own words for HTML text and double-quoted attributes, the
 * only places templates put them: `&`, `<`, `>` and `"`, so an apostrophe stays
 * as a template would have written it. Values are escaped as Handlebars does.
 */
function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The locale a render was given as data (`@locale`); every page render passes one. */
function localeOf(options: Handlebars.HelperOptions): Locale {
  const locale = (options.data as { locale?: Locale } | undefined)?.locale;
  if (!locale) throw new Error("internal error: a template was rendered without a locale, please report");
  return locale;
}

function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("json", (value: unknown) => new hb.SafeString(jsonForScript(value)));
  // English only; kept for sites whose own templates still use it. The theme counts with `t`.
  hb.registerHelper("plural", (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`);
  // {{t "day.lede" papers=(t "count.papers" count=day.count)}}: an interface string, its words and text values escaped, HTML values (another t, an element) kept.
  hb.registerHelper("t", function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
    if (typeof key !== "string") throw new Error(`{{t}} needs the name of an interface string, got ${typeof key}`);
    return new hb.SafeString(localeOf(options).html(key, (options.hash ?? {}) as Record<string, MessageValue>, hb.escapeExpression, escapeText));
  });
  // {{formatNumber count}}: a number with the language's digit grouping (1,234 or 1.234).
  hb.registerHelper("formatNumber", (value: unknown, options: Handlebars.HelperOptions) =>
    typeof value === "number" ? localeOf(options).number(value) : value,
  );
  // (wrappable parts): an address cut into parts, a <wbr> between them (the subscribe page's patterns), as a value for `t` or `element`.
  hb.registerHelper(
    "wrappable",
    (parts: unknown) =>
      new hb.SafeString((Array.isArray(parts) ? parts : [parts]).map((part) => `<span>${hb.escapeExpression(part as string)}</span>`).join("<wbr>")),
  );
  // (element "a" label href=url): one element for a placeholder of `t`, so a translation may move a link within its sentence.
  hb.registerHelper("element", (name: unknown, content: unknown, options: Handlebars.HelperOptions) => {
    if (typeof name !== "string" || !/^[a-z][a-z0-9]*$/.test(name)) throw new Error(`{{element}} needs an element name such as "a", got ${String(name)}`);
    // Handlebars builds the hash last pair first: reversed, the attributes come in the order the template writes them.
    const attributes = Object.entries((options.hash ?? {}) as Record<string, unknown>)
      .reverse()
      .map(([attribute, value]) => ` ${attribute}="${hb.escapeExpression(value as string)}"`)
      .join("");
    return new hb.SafeString(`<${name}${attributes}>${hb.escapeExpression(content as string)}</${name}>`);
  });
  return hb;
}

/** A node of Handlebars' syntax tree, as far as the string check reads it. */
interface TemplateNode {
  type?: string;
  path?: { type?: string; original?: unknown };
  params?: { type?: string; value?: unknown }[];
  hash?: { pairs?: { key: string }[] };
  loc?: { start: { line: number } };
  [child: string]: unknown;
}

/**
 * Every `t` in a template whose key is written out checked against the English
 * strings, which name every key: the key exists, and every placeholder it uses
 * is given. Found at compile time, with the line, rather than on one page of
 * thousands while rendering. A key computed at render time is checked then.
 */
function checkStrings(ast: unknown, display: string, english: Locale): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as TemplateNode;
    const key = n.params?.[0];
    if (
      (n.type === "MustacheStatement" || n.type === "SubExpression") &&
      n.path?.original === "t" &&
      key?.type === "StringLiteral" &&
      typeof key.value === "string"
    ) {
      const line = n.loc?.start.line ?? 0;
      if (!english.has(key.value)) {
        const near = closest(key.value, english.keys());
        diagnostics.push({
          file: display,
          line,
          rule: "template/string",
          message: `{{t "${key.value}"}}: there is no interface string "${key.value}"${near ? ` (did you mean "${near}"?)` : ""}`,
          fix: "correct the key, or add the string to templates/locales/en.json and to the site's language (docs/site.md#languages)",
        });
      } else {
        const given = new Set((n.hash?.pairs ?? []).map((pair) => pair.key));
        const needed = [...placeholders(english.messageOf(key.value)!)].filter((name) => !given.has(name));
        if (needed.length > 0)
          diagnostics.push({
            file: display,
            line,
            rule: "template/string",
            message: `{{t "${key.value}"}} leaves out ${needed.map((name) => `${name}=…`).join(", ")}, which the string needs`,
            fix: `give every placeholder of the string, e.g. {{t "${key.value}" ${needed.map((name) => `${name}=…`).join(" ")}}}`,
          });
      }
    }
    for (const [field, child] of Object.entries(n)) if (field !== "loc" && field !== "strip" && typeof child === "object") visit(child);
  };
  visit(ast);
  return diagnostics;
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
  folder: "layouts" | "partials" | "pages" | "assets" | "locales";
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
  // Locale files do not replace each other: a site's de.json overrides the theme's strings one key at a time.
  for (const layer of layers) {
    for (const file of (await listFiles(path.join(layer.dir, "locales"), ".json")).sort(byCodeUnit)) {
      const contents = await readFile(path.join(layer.dir, "locales", file));
      hash.update(`${layer.display}/locales/${file}\0`).update(contents).update("\0");
      files.push({ folder: "locales", file, display: `${layer.display}/locales/${file}`, contents });
    }
  }
  return { files, version: hash.digest("hex").slice(0, 16), display: layers[0]?.display ?? "templates" };
}

/** Reads and compiles every template (see `readTemplates`); a syntax error is a diagnostic naming its file and line. */
export async function loadTemplates(layers: readonly TemplateLayer[], language = "en"): Promise<{ templates?: TemplateSet; diagnostics: Diagnostic[] }> {
  return compileTemplates(await readTemplates(layers), language);
}

/** The locale files among the templates, theme's first: what `resolveLocale` layers. */
export function localeFiles(sources: TemplateSources): LocaleFile[] {
  return sources.files.flatMap(({ folder, file, display, contents }) => {
    const language = folder === "locales" ? localeLanguage(file) : undefined;
    return language ? [{ language, display, text: contents.toString("utf8") }] : [];
  });
}

/** Compiles templates read by `readTemplates`, in an isolated Handlebars environment, with the interface strings of `language`. */
export function compileTemplates(sources: TemplateSources, language: string): { templates?: TemplateSet; diagnostics: Diagnostic[] } {
  const hb = createEnvironment();
  const files = localeFiles(sources);
  const resolved = resolveLocale(files, language);
  // The English strings name every key; templates are checked against them whatever the site's language.
  const english = language === "en" ? resolved : resolveLocale(files, "en");
  const diagnostics: Diagnostic[] = [
    ...resolved.diagnostics,
    ...(english === resolved ? [] : english.diagnostics.filter((d) => !resolved.diagnostics.some((r) => r.file === d.file && r.message === d.message))),
  ];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const pageFiles = new Map<string, string>();

  const parse = (display: string, source: string): boolean => {
    try {
      const ast = hb.parse(source);
      if (english.locale) {
        const problems = checkStrings(ast, display, english.locale);
        diagnostics.push(...problems);
        return problems.length === 0;
      }
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
    diagnostics.push({
      file: `${sources.display}/pages`,
      line: 0,
      rule: "template/missing",
      message: "there are no page templates",
      fix: "restore scripts/theme/ from the Paperboy repository",
    });
  }
  const locale = resolved.locale;
  if (diagnostics.length > 0 || !locale) return { diagnostics };

  const data = { locale };
  const templates: TemplateSet = {
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`internal error: no page template "${name}", please report`);
      return template(context, { data, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
    locale,
    notices: resolved.fallbacks.map(
      ({ file, keys }) =>
        `${file} has no ${keys.length === 1 ? "translation" : "translations"} for ${keys
          .slice(0, 5)
          .map((k) => `"${k}"`)
          .join(", ")}${keys.length > 5 ? ` and ${keys.length - 5} more` : ""}; ${keys.length === 1 ? "it shows" : "they show"} in English`,
    ),
    pageFile: (name) => pageFiles.get(name) ?? `templates/pages/${name}.hbs`,
    pages: [...pageFiles.keys()],
    assets,
    version: sources.version,
  };
  return { templates, diagnostics };
}

// paperboy.config.yaml → validated site configuration. The environment
// overrides what a fork would otherwise inherit from upstream's file: `SITE_URL`
// overrides `url`, so a deploy workflow can set it without edits, and in GitHub
// Actions `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY` name the repository the
// build runs in, which overrides `repository` (docs/forks.md says why).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { normaliseText } from "./front-matter.ts";
import { checkWebUrl, describeValue } from "./paper-schema.ts";
import { applyTextRule } from "./text-rules.ts";
import { closest } from "../util/closest.ts";
import { ARXIV_LINK_NAMES, type ArxivLinkName, type Diagnostic, type SiteConfig } from "../types.ts";
import { parseYamlMapping } from "./yaml-source.ts";
import { IMPORT_EXAMPLE, IMPORT_SCHEMA, toImportSettings } from "./import-config.ts";

/**
 * Papers per page on tag, week and month pages when `page_size` is not set.
 * They list a paper to a line, so a page holds a hundred: fewer pages, and
 * less of each page's header and footer repeated per paper.
 */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * How many papers each tag's feeds carry when `feed.tag_items` is not set:
 * fewer than the site's feed, since a site has dozens of tags, and a reader
 * who follows a tag polls it as often as the site's feed.
 */
export const DEFAULT_TAG_FEED_ITEMS = 20;

/**
 * The pages made from a paper's arXiv id that its page links to when
 * `arxiv_links` is not set: arXiv's abstract and PDF, as always, then where
 * readers discuss the paper (Hugging Face, alphaXiv) and where its citations
 * are counted (Semantic Scholar). A paper without an arXiv id shows none.
 */
export const DEFAULT_ARXIV_LINKS: readonly ArxivLinkName[] = ["arxiv", "pdf", "hugging-face", "alphaxiv", "semantic-scholar"];

const ARXIV_LINKS_EXAMPLE = `list the pages to link, in the order to show them, from ${ARXIV_LINK_NAMES.join(", ")}, e.g.
  arxiv_links:
    - arxiv
    - pdf
    - hugging-face
or arxiv_links: [] for none`;

/** The configuration file's name, at the project root. */
export const CONFIG_FILE = "paperboy.config.yaml";

const EXAMPLE = `for example:
  title: Paperboy Daily Papers
  description: Research papers worth reading, picked by the community.
  url: https://OWNER.github.io/REPO/
  language: en
  author:
    name: The Paperboy community`;

const typeError = (expected: string) => (issue: { input?: unknown; code?: string }) =>
  issue.code === "invalid_type" ? `expected ${expected}, got ${describeValue(issue.input)}` : undefined;

/** A setting shown to readers, under the text rule that paper fields follow (text-rules.ts). */
const line = (expected: string) =>
  z.string({ error: typeError(expected) }).transform((s, ctx) => {
    const result = applyTextRule(s, { kind: "text", expected });
    if (result.problem === undefined) return result.value;
    ctx.addIssue({ code: "custom", message: result.problem });
    return z.NEVER;
  });

const absoluteUrl = z.string({ error: typeError("an absolute https:// address") }).transform((s, ctx) => {
  const result = applyTextRule(s, { kind: "identifier", expected: "an absolute https:// address", subject: "the address" });
  const problem = result.problem ?? checkWebUrl(result.value!);
  if (problem === undefined) return result.value!;
  ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});

const SCHEMA = z.strictObject(
  {
    title: line("the site's name"),
    description: line("one sentence saying what the digest is about"),
    url: absoluteUrl,
    language: z
      .string({ error: typeError("a language tag such as en") })
      .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, { error: "is not a language tag (expected e.g. en, en-GB, zh-Hans)" })
      // The pattern lets through tags Intl refuses (`en-a1`): the dates and counts of every page go through Intl.
      .refine((tag) => !/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(tag) || isLanguageTag(tag), {
        error: "is not a language tag (expected e.g. en, en-GB, zh-Hans)",
      })
      .default("en"),
    author: z.strictObject(
      {
        name: line("the name of the person or group running the digest"),
        url: absoluteUrl.optional(),
        email: z.email({ error: "is not an e-mail address" }).optional(),
      },
      { error: typeError("a set of fields: name, and optionally url and email") },
    ),
    feed: z
      .strictObject(
        {
          items: z
            .number({ error: typeError("a whole number") })
            .int({ error: "must be a whole number" })
            .min(1, { error: "must be at least 1" })
            .max(1000, { error: "must be at most 1000" })
            .default(50),
          tag_items: z
            .number({ error: typeError("a whole number") })
            .int({ error: "must be a whole number" })
            .min(1, { error: "must be at least 1" })
            .max(1000, { error: "must be at most 1000" })
            .default(DEFAULT_TAG_FEED_ITEMS),
        },
        { error: typeError("a set of fields: items, tag_items") },
      )
      .default({ items: 50, tag_items: DEFAULT_TAG_FEED_ITEMS }),
    page_size: z
      .number({ error: typeError("a whole number") })
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(500, { error: "must be at most 500" })
      .default(DEFAULT_PAGE_SIZE),
    newsletter: z
      .strictObject(
        {
          action: absoluteUrl,
          field: z
            .string({ error: typeError("the name of the form's e-mail field, such as email") })
            .regex(/^[A-Za-z0-9_.\-[\]]{1,64}$/, { error: "is not a form field name (expected letters, digits, _ - . [ ], e.g. email or EMAIL)" }),
          provider: line("the newsletter service's name, such as Buttondown").optional(),
        },
        { error: typeError("a set of fields: action, field, and optionally provider") },
      )
      .optional(),
    arxiv_links: z
      .array(
        z.string({ error: typeError(`one of ${ARXIV_LINK_NAMES.join(", ")}`) }).transform((name, ctx) => {
          if ((ARXIV_LINK_NAMES as readonly string[]).includes(name)) return name as ArxivLinkName;
          const near = closest(name, ARXIV_LINK_NAMES);
          ctx.addIssue({
            code: "custom",
            message: `"${name}" is not a page Paperboy links to${near ? `; did you mean "${near}"?` : ""} (expected one of ${ARXIV_LINK_NAMES.join(", ")})`,
          });
          return z.NEVER;
        }),
        { error: typeError("a list of names such as arxiv, pdf") },
      )
      .superRefine((names, ctx) => {
        names.forEach((name, index) => {
          if (names.indexOf(name) !== index) ctx.addIssue({ code: "custom", path: [index], message: `"${name}" is listed twice` });
        });
      })
      .default([...DEFAULT_ARXIV_LINKS]),
    repository: absoluteUrl.optional(),
    cname: z
      .string({ error: typeError("a domain name such as papers.example.org") })
      .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { error: "is not a domain name (expected e.g. papers.example.org)" })
      .optional(),
    // Bulk imports and the scheduled workflow: its own module (import-config.ts).
    import: IMPORT_SCHEMA.optional(),
  },
  { error: typeError("a set of fields") },
);

/** What the configuration is checked against besides itself. */
export interface ConfigContext {
  /**
   * The languages the theme and the site have interface strings for (`en`,
   * `de`, from `locales/<lang>.json`); `language` must name one, or a regional
   * variant of one (`de-AT`). Unchecked when absent (`npm run check`, which
   * reads no templates).
   */
  languages?: readonly string[];
}

/** Whether Intl takes `tag` as a BCP 47 language tag. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Reads and validates the site configuration; `env` supplies `SITE_URL` and GitHub Actions' repository. */
export async function loadConfig(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  context: ConfigContext = {},
): Promise<{ config?: SiteConfig; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONFIG_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return {
      diagnostics: [
        {
          file: CONFIG_FILE,
          line: 0,
          rule: "config/missing",
          message: "the site configuration file is missing",
          fix: `create ${CONFIG_FILE} at the top of the repository, ${EXAMPLE}`,
        },
      ],
    };
  }
  return parseConfig(text, env, context);
}

/** GitHub's account and repository names: letters, digits, `-`, `_` and `.`. */
const REPOSITORY_NAME = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/**
 * The repository the build runs in, as GitHub Actions names it in every job
 * (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`): a fork's own, never upstream's.
 * Undefined outside Actions; a diagnostic when the variables are malformed.
 */
function repositoryFromEnv(env: NodeJS.ProcessEnv): string | Diagnostic | undefined {
  const name = env.GITHUB_REPOSITORY?.trim();
  if (!name) return undefined;
  const problem = (variable: string, message: string): Diagnostic => ({
    file: `${variable} (environment)`,
    line: 0,
    rule: "config/invalid",
    message,
    fix: "GitHub Actions sets it itself; elsewhere, unset it, or set GITHUB_REPOSITORY=OWNER/REPO (and GITHUB_SERVER_URL=https://github.com)",
  });
  if (!REPOSITORY_NAME.test(name) || name.split("/").some((part) => /^\.+$/.test(part)))
    return problem("GITHUB_REPOSITORY", `"${name}" is not a repository name (expected OWNER/REPO)`);
  const server = (env.GITHUB_SERVER_URL?.trim() || "https://github.com").replace(/\/+$/, "");
  const badServer = checkWebUrl(server);
  return badServer ? problem("GITHUB_SERVER_URL", badServer) : `${server}/${name}`;
}

/** How to fix a setting other than `url`, by its top-level name. */
function fixFor(setting: string): string {
  if (setting === "import") return IMPORT_EXAMPLE;
  if (setting === "arxiv_links") return ARXIV_LINKS_EXAMPLE;
  return EXAMPLE;
}

/** Validates configuration text (the file's contents). */
export function parseConfig(text: string, env: NodeJS.ProcessEnv = {}, context: ConfigContext = {}): { config?: SiteConfig; diagnostics: Diagnostic[] } {
  const yaml = parseYamlMapping(normaliseText(text), CONFIG_FILE, EXAMPLE);
  if (!yaml.data) return { diagnostics: yaml.diagnostics };
  const data: Record<string, unknown> = { ...yaml.data };
  // YAML numbers were kept as their source text; `feed.items` and `page_size` are the numeric fields.
  const feed = data.feed as Record<string, unknown> | undefined;
  if (feed && typeof feed === "object" && typeof feed.items === "string" && /^\d+$/.test(feed.items)) {
    data.feed = { ...feed, items: Number(feed.items) };
  }
  const feedAgain = data.feed as Record<string, unknown> | undefined;
  if (feedAgain && typeof feedAgain === "object" && typeof feedAgain.tag_items === "string" && /^\d+$/.test(feedAgain.tag_items)) {
    data.feed = { ...feedAgain, tag_items: Number(feedAgain.tag_items) };
  }
  if (typeof data.page_size === "string" && /^\d+$/.test(data.page_size)) data.page_size = Number(data.page_size);
  const override = env.SITE_URL?.trim();
  if (override) data.url = override;
  const actions = repositoryFromEnv(env);
  const envProblems = typeof actions === "object" ? [actions] : [];
  const fromActions = typeof actions === "string" ? actions : undefined;

  const result = SCHEMA.safeParse(data);
  if (!result.success) {
    const diagnostics = result.error.issues.flatMap((issue): Diagnostic[] => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => {
          const field = [...issue.path.map(String), key].join(".");
          return {
            file: CONFIG_FILE,
            line: yaml.lines[field] ?? 1,
            field,
            rule: "config/unknown-field",
            message: `"${key}" is not a known setting`,
            fix: "see the Configuration section of README.md for every setting",
          };
        });
      }
      const field = issue.path.map(String).join(".");
      const fromEnv = field === "url" && override;
      return [
        {
          file: fromEnv ? "SITE_URL (environment)" : CONFIG_FILE,
          line: fromEnv ? 0 : (yaml.lines[field] ?? 1),
          field,
          rule: "config/invalid",
          message: issue.message.startsWith("Invalid input") ? `is missing` : issue.message,
          fix: field === "url" ? "give the address the site is served from, with its path, e.g. https://OWNER.github.io/REPO/" : fixFor(field.split(".")[0]!),
        },
      ];
    });
    return { diagnostics: [...diagnostics, ...envProblems] };
  }
  if (envProblems.length > 0) return { diagnostics: envProblems };

  const value = result.data;
  const languageProblem = context.languages && checkLanguage(value.language, context.languages, yaml.lines.language ?? 1);
  if (languageProblem) return { diagnostics: [languageProblem] };
  const url = new URL(value.url);
  url.search = "";
  url.hash = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  // The environment first: a fork that kept upstream's `repository` still links to itself when built in Actions.
  const repository = fromActions ?? value.repository?.replace(/\/+$/, "");
  const config: SiteConfig = {
    title: value.title,
    description: value.description,
    url: url.href,
    basePath: url.pathname,
    language: value.language,
    author: { name: value.author.name, ...(value.author.url ? { url: value.author.url } : {}), ...(value.author.email ? { email: value.author.email } : {}) },
    feedItems: value.feed.items,
    tagFeedItems: value.feed.tag_items,
    pageSize: value.page_size,
    arxivLinks: value.arxiv_links,
    ...(value.newsletter ? { newsletter: value.newsletter } : {}),
    ...(repository ? { repository } : {}),
    ...(value.cname ? { cname: value.cname } : {}),
    ...(value.import ? { import: toImportSettings(value.import) } : {}),
  };
  return { config, diagnostics: [] };
}

/**
 * A language the site has no interface strings for is an error, not English
 * with a warning: a German site that silently printed "3 papers" under German
 * dates is what the setting exists to prevent, and the fix is one of two lines.
 * A regional tag (`de-AT`, `en-GB`) is served by its own file when there is
 * one, else by its language's; dates and numbers follow the full tag.
 */
function checkLanguage(language: string, languages: readonly string[], line: number): Diagnostic | undefined {
  const known = languages.map((l) => l.toLowerCase());
  const tag = language.toLowerCase();
  if (known.includes(tag) || known.includes(tag.split("-")[0]!)) return undefined;
  return {
    file: CONFIG_FILE,
    line,
    field: "language",
    rule: "config/invalid",
    message: `Paperboy has no interface strings for "${language}" (it has ${languages.join(", ")})`,
    fix: `set language to one of ${languages.join(", ")}, or add templates/locales/${tag.split("-")[0]}.json, a translation of scripts/theme/locales/en.json (docs/site.md#languages)`,
  };
}

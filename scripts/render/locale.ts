// Locale files (scripts/theme/locales/<lang>.json, overridden from a site's
// templates/locales/) → the one Locale a build renders with: every interface
// string in the site's language, with its plural forms, and the number format
// of that language. Pages, feeds, digests and the client scripts all take their
// words from here; templates through the `t` helper (templates.ts), which gets
// the Locale as Handlebars data, never from module state.
//
// A message is a string with `{name}` placeholders, or, when it counts
// something, an object of CLDR plural forms (`one`, `other`, and where the
// language has them `zero`, `two`, `few`, `many`) chosen by its `count`.
import { createHash } from "node:crypto";
import { closest } from "../util/closest.ts";
import type { Diagnostic } from "../types.ts";

/** One interface string: text with `{placeholders}`, or its plural forms. */
export type Message = string | PluralMessage;

/** A message that counts: one text per CLDR plural category, `other` always. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A value put into a placeholder: text (escaped where it goes into HTML), a number (formatted, and `count` chooses the plural form), or HTML already safe. */
export type MessageValue = string | number | { toHTML(): string };

/** The language every locale falls back to, and whose file names every key. */
export const BASE_LANGUAGE = "en";

const PLURAL_CATEGORIES: readonly string[] = ["zero", "one", "two", "few", "many", "other"];
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The interface strings of one language, ready to format. Immutable; one per build. */
export class Locale {
  private readonly plurals: Intl.PluralRules;
  private readonly numbers: Intl.NumberFormat;

  constructor(
    /** The site's language tag (`de-AT`), for Intl: dates, plural rules, digit grouping. */
    readonly language: string,
    private readonly messages: ReadonlyMap<string, Message>,
    /** Changes whenever any message changes; part of the feeds' fingerprints. */
    readonly version: string,
  ) {
    this.plurals = new Intl.PluralRules(language);
    this.numbers = new Intl.NumberFormat(language);
  }

  /** Whether `key` names a message. */
  has(key: string): boolean {
    return this.messages.has(key);
  }

  /** The message `key` names, as written in its locale file. */
  messageOf(key: string): Message | undefined {
    return this.messages.get(key);
  }

  /** Every key, sorted. */
  keys(): string[] {
    return [...this.messages.keys()].sort();
  }

  /** A message as plain text, for titles, feeds and descriptions (escaped later, where they are written). */
  text(key: string, values: Readonly<Record<string, MessageValue>> = {}): string {
    return this.format(
      key,
      values,
      (text) => text,
      (text) => text,
    );
  }

  /** A message as HTML: its own words escaped by `escapeWords` (default `escape`), text values by `escape`, safe HTML values as they are. */
  html(key: string, values: Readonly<Record<string, MessageValue>>, escape: (text: string) => string, escapeWords: (text: string) => string = escape): string {
    return this.format(key, values, escape, escapeWords);
  }

  /** `1,234` in English, `1.234` in German. */
  number(value: number): string {
    return this.numbers.format(value);
  }

  /** The messages whose keys start with `prefix`, for a client script: keys without the prefix, plural forms kept. */
  subset(prefix: string): Record<string, Message> {
    const subset: Record<string, Message> = {};
    for (const key of this.keys()) if (key.startsWith(prefix)) subset[key.slice(prefix.length)] = this.messages.get(key)!;
    return subset;
  }

  private format(key: string, values: Readonly<Record<string, MessageValue>>, escape: (text: string) => string, escapeWords: (text: string) => string): string {
    const message = this.messages.get(key);
    if (message === undefined) throw new Error(`there is no interface string "${key}"${hint(key, this.keys())}`);
    let text: string;
    if (typeof message === "string") text = message;
    else {
      const count = values.count;
      if (typeof count !== "number") throw new Error(`the interface string "${key}" counts something and needs count=… (a number)`);
      text = message[this.plurals.select(count)] ?? message.other;
    }
    let out = "";
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      out += escapeWords(text.slice(last, match.index));
      const name = match[1]!;
      if (!(name in values)) throw new Error(`the interface string "${key}" needs ${name}=…, which was not given`);
      // Like any Handlebars value, a missing one (an unset field) renders empty.
      const value: unknown = values[name];
      out +=
        typeof value === "number"
          ? escape(this.number(value))
          : isHtml(value)
            ? value.toHTML()
            : escape(value === undefined || value === null ? "" : String(value));
      last = match.index + match[0].length;
    }
    return out + escapeWords(text.slice(last));
  }
}

function isHtml(value: unknown): value is { toHTML(): string } {
  return typeof value === "object" && value !== null && typeof (value as { toHTML?: unknown }).toHTML === "function";
}

function hint(key: string, keys: readonly string[]): string {
  const near = closest(key, keys);
  return near ? ` (did you mean "${near}"?)` : "";
}

/** The placeholders a message uses, in every form. */
export function placeholders(message: Message): Set<string> {
  const names = new Set<string>();
  for (const text of typeof message === "string" ? [message] : Object.values(message)) {
    for (const match of (text ?? "").matchAll(PLACEHOLDER)) names.add(match[1]!);
  }
  return names;
}

/** A locale file, read: which language, where it is (as messages name it) and its text. */
export interface LocaleFile {
  language: string;
  display: string;
  text: string;
}

/** The language a locale file is for: its name without `.json`, or undefined when it is not a locale file. */
export function localeLanguage(file: string): string | undefined {
  return /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/.exec(file)?.[1];
}

/**
 * The locale files that serve `language`, most general first: the base
 * language (`en`), then the language (`de`), then its regional variant
 * (`de-AT`), each from the theme and then the site. Undefined when neither the
 * language nor its region has a file: a build in a language it cannot speak.
 */
function chain(files: readonly LocaleFile[], language: string): LocaleFile[] | undefined {
  const tag = language.toLowerCase();
  const primary = tag.split("-")[0]!;
  const speaks = files.some((f) => [primary, tag].includes(f.language.toLowerCase()));
  if (!speaks) return undefined;
  const order = [...new Set([BASE_LANGUAGE, primary, tag])];
  return order.flatMap((lang) => files.filter((f) => f.language.toLowerCase() === lang));
}

/** The languages the files give, sorted: what a configuration may name. */
export function availableLanguages(files: readonly LocaleFile[]): string[] {
  return [...new Set(files.map((f) => f.language))].sort();
}

/** What resolving a locale gives: the locale, or every problem; and the keys that fell back to English. */
export interface LocaleResult {
  locale?: Locale;
  diagnostics: Diagnostic[];
  /** Keys the site's language has no message for, shown in English (a fork's own language, behind upstream's new strings). */
  fallbacks: { file: string; keys: string[] }[];
}

/**
 * The locale for `language`, from the theme's and the site's locale files.
 * The English files name every key a template may use (a site adds its own in
 * `templates/locales/en.json`); every other file may only translate those keys,
 * with no placeholder English does not give. A key a language lacks shows in
 * English, and is reported as a fallback.
 */
export function resolveLocale(files: readonly LocaleFile[], language: string): LocaleResult {
  const diagnostics: Diagnostic[] = [];
  const parsed = new Map<LocaleFile, Map<string, Message>>();
  for (const file of files) {
    const messages = parseLocale(file, diagnostics);
    if (messages) parsed.set(file, messages);
  }
  const english = new Map<string, Message>();
  for (const file of files) if (file.language === BASE_LANGUAGE) for (const [key, message] of parsed.get(file) ?? []) english.set(key, message);
  const known = [...english.keys()];
  for (const [file, messages] of parsed) {
    if (file.language === BASE_LANGUAGE) continue;
    for (const [key, message] of messages) {
      const base = english.get(key);
      if (!base) {
        diagnostics.push({
          file: file.display,
          line: lineOf(file.text, key),
          rule: "template/locale",
          message: `"${key}" is not an interface string${hint(key, known)}`,
          fix: "correct the key, or add it to templates/locales/en.json first: the English file names every key",
        });
        continue;
      }
      const allowed = placeholders(base);
      for (const name of placeholders(message)) {
        if (!allowed.has(name))
          diagnostics.push({
            file: file.display,
            line: lineOf(file.text, key),
            rule: "template/locale",
            message: `"${key}" uses {${name}}, which the English string does not give`,
            fix: `use only ${[...allowed].map((n) => `{${n}}`).join(", ") || "no placeholders"}`,
          });
      }
    }
  }
  const serving = chain(files, language);
  if (!serving) {
    diagnostics.push({
      file: "paperboy.config.yaml",
      line: 0,
      field: "language",
      rule: "config/invalid",
      message: `there are no interface strings for "${language}" (the theme and the site have ${availableLanguages(files).join(", ")})`,
      fix: `set language to one of those, or translate scripts/theme/locales/en.json into templates/locales/${language.split("-")[0]}.json (docs/site.md#languages)`,
    });
  }
  if (diagnostics.length > 0 || !serving) return { diagnostics, fallbacks: [] };

  const messages = new Map<string, Message>();
  for (const file of serving) for (const [key, message] of parsed.get(file) ?? []) if (english.has(key)) messages.set(key, message);
  const fallbacks: LocaleResult["fallbacks"] = [];
  const own = serving.filter((f) => f.language !== BASE_LANGUAGE);
  if (own.length > 0) {
    const translated = new Set(own.flatMap((f) => [...(parsed.get(f)?.keys() ?? [])]));
    const missing = known.filter((key) => !translated.has(key)).sort();
    if (missing.length > 0) fallbacks.push({ file: own[own.length - 1]!.display, keys: missing });
  }
  const sorted = [...messages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const version = createHash("sha256").update(language).update("\0").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
  return { locale: new Locale(language, new Map(sorted), version), diagnostics: [], fallbacks };
}

/** A locale file's messages, or undefined after reporting why it cannot be read. */
function parseLocale(file: LocaleFile, diagnostics: Diagnostic[]): Map<string, Message> | undefined {
  const problem = (line: number, message: string, fix: string) => diagnostics.push({ file: file.display, line, rule: "template/locale", message, fix });
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? 1 : file.text.slice(0, Number(position)).split("\n").length;
    problem(
      line,
      `is not valid JSON: ${(error as Error).message.split("\n")[0]}`,
      'write one object of "key": "text" pairs, with no trailing commas or comments',
    );
    return undefined;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problem(1, "is not a JSON object", 'write one object of "key": "text" pairs');
    return undefined;
  }
  const messages = new Map<string, Message>();
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === "string") {
      messages.set(key, value);
      continue;
    }
    const forms = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : undefined;
    const valid =
      forms !== undefined &&
      forms.every(([category, text]) => PLURAL_CATEGORIES.includes(category) && typeof text === "string") &&
      forms.some(([category]) => category === "other");
    if (!valid) {
      problem(
        lineOf(file.text, key),
        `"${key}" is neither a text nor a set of plural forms`,
        'write "text", or { "one": "{count} paper", "other": "{count} papers" } (plural forms zero, one, two, few, many and other, which is required)',
      );
      continue;
    }
    messages.set(key, Object.fromEntries(forms) as PluralMessage);
  }
  return messages;
}

/** The line a key is written on, for messages. */
function lineOf(text: string, key: string): number {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

// The theme's interface strings, for tests that plan pages or feeds without a
// whole build: read from scripts/theme/locales/ as a build reads them. And a
// German site to build, for the tests that look for English left in it.
import { readFileSync, readdirSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { localeLanguage, resolveLocale, type Locale } from "../../scripts/render/locale.ts";
import { THEME_DIR } from "../../scripts/render/templates.ts";
import { copyFixture } from "./helpers.ts";

/** The theme's locale for `language` (`en` unless named). */
export function themeLocale(language = "en"): Locale {
  const dir = path.join(THEME_DIR, "locales");
  const files = readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const lang = localeLanguage(file);
      return lang ? [{ language: lang, display: `scripts/theme/locales/${file}`, text: readFileSync(path.join(dir, file), "utf8") }] : [];
    });
  const { locale, diagnostics } = resolveLocale(files, language);
  if (!locale) throw new Error(`no theme locale for ${language}: ${JSON.stringify(diagnostics)}`);
  return locale;
}

/** The fixture copy in German: its contributor text made neutral, so that any English left is the interface's. */
export async function germanDigest(scope: "test" | "file" = "test"): Promise<string> {
  const root = await copyFixture("digest", scope);
  const configFile = path.join(root, "paperboy.config.yaml");
  const config = (await readFile(configFile, "utf8"))
    .replace("language: en", "language: de")
    .replace(/^title: .*$/m, "title: Lesekreis")
    .replace(/^description: .*$/m, "description: Klassiker des maschinellen Lernens, Sitzung für Sitzung.")
    .replace("name: The Reading Group", "name: Der Lesekreis");
  // Three papers a page, so listings are paginated; a newsletter form, so the subscribe page shows it.
  await writeFile(configFile, `${config}page_size: 3\nnewsletter:\n  action: https://example.org/subscribe\n  field: email\n  provider: Beispieldienst\n`);
  const days = path.join(root, "content", "papers");
  let n = 0;
  for (const day of await readdir(days)) {
    for (const file of await readdir(path.join(days, day))) {
      const full = path.join(days, day, file);
      const text = await readFile(full, "utf8");
      const [, front] = /^---\n([\s\S]*?)\n---\n/.exec(text)!;
      await writeFile(full, `---\n${front!.replace(/^title: .*$/m, `title: Titel ${++n}`)}\n---\nEine Zusammenfassung mit $x^2$.\n`);
    }
  }
  return root;
}

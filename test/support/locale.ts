// The theme's interface strings, for tests that plan pages or feeds without a
// whole build: read from scripts/theme/locales/ as a build reads them.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { localeLanguage, resolveLocale, type Locale } from "../../scripts/render/locale.ts";
import { THEME_DIR } from "../../scripts/render/templates.ts";

/** The theme's locale for `language` (`en` unless named). */
export function themeLocale(language = "en"): Locale {
  const dir = path.join(THEME_DIR, "locales");
  const files = readdirSync(dir).sort().flatMap((file) => {
    const lang = localeLanguage(file);
    return lang ? [{ language: lang, display: `scripts/theme/locales/${file}`, text: readFileSync(path.join(dir, file), "utf8") }] : [];
  });
  const { locale, diagnostics } = resolveLocale(files, language);
  if (!locale) throw new Error(`no theme locale for ${language}: ${JSON.stringify(diagnostics)}`);
  return locale;
}

// A built page → what keeps it from being valid HTML, by html-validate run
// in-process: the HTML standard's content models, attributes, nesting,
// duplicate ids and entities, and whole-document rules. The style rules of its
// "recommended" preset (inline styles, doctype case) are left out: KaTeX needs
// inline styles, and they are not validity.
import { HtmlValidate } from "html-validate";

/** A validator configured as the site's pages must pass; create it once and reuse it for every page. */
export function createHtmlValidator(): HtmlValidate {
  return new HtmlValidate({
    extends: ["html-validate:standard", "html-validate:document"],
    rules: {
      // Subresource integrity is for third-party hosts; every asset here is the site's own.
      "require-sri": "off",
      // Obsolete presentational attributes are warnings to the Nu HTML Checker, not errors: GitHub-flavoured
      // tables carry align= on their cells, and the e-mail digests (newsletter/) need width, cellpadding and
      // align for mail programs that ignore CSS.
      "no-deprecated-attr": "off",
    },
  });
}

/**
 * Every problem html-validate finds in a page, as `line:column: rule: message`.
 * A raw `>` in text is valid HTML (only `<` and ambiguous `&` must be escaped,
 * and the Markdown renderer escapes both); html-validate flags it as a matter
 * of style, so it is left out.
 */
export function htmlProblems(validator: HtmlValidate, html: string, name = "page.html"): string[] {
  const report = validator.validateStringSync(html, name);
  return report.results
    .flatMap((r) => r.messages)
    .filter((m) => !(m.ruleId === "no-raw-characters" && m.message.startsWith('Raw ">"')))
    .map((m) => `${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
}

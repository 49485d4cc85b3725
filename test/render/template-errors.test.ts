// A template that does not parse is named with its file and the line to look
// at, in one sentence instead of Handlebars' grammar ("Expecting 'CLOSE', …").
import { describe, expect, it } from "vitest";
import { loadTemplates, templateLayers } from "../../scripts/render/templates.ts";
import { tempDir, THEME, writeFiles } from "../support/helpers.ts";

/** The diagnostics for a site whose templates/ holds one broken partial, as the build prints them. */
async function problemsWith(source: string): Promise<string[]> {
  const site = await tempDir();
  await writeFiles(site, { "partials/site-footer.hbs": source });
  const { diagnostics } = await loadTemplates(templateLayers(site, THEME));
  return diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}\n  fix: ${d.fix}`);
}

describe("a template syntax error", () => {
  it.each([
    [
      "a block never closed, at the line it opens",
      '<footer>\n  <p>\n    {{#if site.repository}}<a href="{{site.repository}}">Suggest</a>.\n  </p>\n</footer>\n',
      "templates/partials/site-footer.hbs:3: template syntax error: {{#if}} on this line is never closed\n  fix: add {{/if}} where the block ends",
    ],
    [
      "blocks closed in the wrong order",
      "{{#if a}}\n  {{#each b}}\n  {{/if}}\n{{/each}}\n",
      "templates/partials/site-footer.hbs:2: template syntax error: {{#each}} on this line is closed by {{/if}}\n  fix: close it with {{/each}} (blocks close in the reverse order they open), or correct the name in {{/if}}",
    ],
    [
      "a closing tag with nothing to close",
      "<p>\n{{/if}}\n",
      'templates/partials/site-footer.hbs:2: template syntax error: "{{/if}}" closes a block that was never opened\n  fix: remove it, or add the {{#…}} it closes',
    ],
    [
      "an expression left open",
      '<p>\n<a href="{{site.url}">home</a>\n',
      'templates/partials/site-footer.hbs:2: template syntax error: expected "}}" or a name or value but found "}">home</a>", after "<a href="{{site.url"\n  fix: close the expression with "}}", and check its name and arguments',
    ],
    [
      "an else outside any block",
      "a\n\nb {{else}} c\n",
      "templates/partials/site-footer.hbs:3: template syntax error: {{else}} stands outside any {{#if}}, {{#unless}} or {{#each}} block\n  fix: move it inside the block it belongs to, or remove it",
    ],
  ])("%s", async (_name, source, expected) => {
    const problems = await problemsWith(source);
    expect(problems).toEqual([expected]);
    expect(problems[0]).not.toMatch(/Expecting|Parse error|'[A-Z_]+'/);
  });
});

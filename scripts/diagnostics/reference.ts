// The rule registry → docs/errors.md, the reference a contributor reaches from a
// rule id. Pure: `npm run docs` (commands/docs.ts) writes the text, and a test
// fails when the committed file is not exactly this. Only maintainers run it, so
// github-slugger (GitHub's own heading anchors) is a development dependency.
import { slug } from "github-slugger";
import { FAMILIES, RULES, ruleAnchor, type RuleFamily, type RuleId } from "./rules.ts";

/** Where the generated reference lives, relative to the project root. */
export const ERRORS_DOC = "docs/errors.md";

const INTRO = `# Error reference

<!-- Generated from scripts/diagnostics/rules.ts by \`npm run docs\`. Edit the registry, not this file. -->

Every problem Paperboy finds belongs to a **rule**, a permanent id such as
\`body/link\`. On a pull request, the *Check* workflow marks each problem on its
line of the diff, titled with the field and the rule id; the terminal prints the
same problem as \`file:line: field: message\`, with a \`fix:\` line that says
what to do in that case. Every problem in every file is reported in one run, and
a failed build leaves \`dist/\` as it was.

This page says, for each rule, what it checks, why, and how to fix it in
general. The rules are grouped in the order the build meets them. Paper
fields are described in [the content reference](content.md), settings in
[the configuration reference](configuration.md).`;

/** Every rule id of one family, in the registry's order. */
function rulesOf(family: RuleFamily): RuleId[] {
  return (Object.keys(RULES) as RuleId[]).filter((id) => id.startsWith(`${family}/`));
}

/** The anchor GitHub gives a family's heading (each title is unique, so no numbering is needed). */
function familyAnchor(family: RuleFamily): string {
  return slug(FAMILIES[family].title);
}

/** The whole of docs/errors.md, ending in one newline. */
export function renderErrorReference(): string {
  const families = Object.keys(FAMILIES) as RuleFamily[];
  const contents = families.map((family) => {
    const ids = rulesOf(family).map((id) => `[\`${id}\`](#${ruleAnchor(id)})`);
    return `- [${FAMILIES[family].title}](#${familyAnchor(family)}): ${ids.join(", ")}`;
  });
  const sections = families.map((family) => {
    const rules = rulesOf(family).map((id) => {
      const rule = RULES[id];
      return `<a id="${ruleAnchor(id)}"></a>\n\n### \`${id}\`: ${rule.title}\n\n${rule.means}\n\n**Fix:** ${rule.fix}`;
    });
    return [`## ${FAMILIES[family].title}`, FAMILIES[family].about, ...rules].join("\n\n");
  });
  return `${[INTRO, contents.join("\n"), ...sections].join("\n\n")}\n`;
}

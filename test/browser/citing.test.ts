// Citing a paper in real Chromium: the Cite block's BibTeX wraps inside its
// box on a desktop and on a phone, so selecting it by hand never cuts a line,
// and it still shows the whole entry.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { describeInBrowser, newContext, openPage, useSites, type ServedSite } from "../support/browser.ts";

/** The paper of a site whose BibTeX entry has the longest line: the one most likely to overflow. */
function widestEntry(site: ServedSite): string {
  const lengthOf = (id: string) => {
    const html = readFileSync(path.join(site.outDir, "papers", id, "index.html"), "utf8");
    const entry = /<pre id="bibtex"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? "";
    return Math.max(...entry.split("\n").map((line) => line.length));
  };
  return [...site.model.papers].sort((a, b) => lengthOf(b.id) - lengthOf(a.id))[0]!.id;
}

describeInBrowser("the Cite block in Chromium", () => {
  const { sites, browser } = useSites();

  for (const width of [1280, 375]) {
    it(`wraps the BibTeX entry inside its box at ${width} px, and shows all of it`, async () => {
      const context = await newContext(browser(), { width });
      try {
        for (const site of sites) {
          const { page, problems } = await openPage(context, site, `papers/${widestEntry(site)}/`);
          // A string, as the other browser tests write it: the tests compile without the DOM's types.
          const box = (await page.evaluate(`(() => {
            const pre = document.querySelector("#bibtex");
            const style = getComputedStyle(pre);
            const content = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
            return {
              scrollWidth: pre.scrollWidth, clientWidth: pre.clientWidth, scrollHeight: pre.scrollHeight, clientHeight: pre.clientHeight,
              shown: pre.innerText, text: pre.textContent, lines: pre.textContent.split("\\n").length, rows: Math.round(content / parseFloat(style.lineHeight)),
            };
          })()`)) as {
            scrollWidth: number;
            clientWidth: number;
            scrollHeight: number;
            clientHeight: number;
            shown: string;
            text: string;
            lines: number;
            rows: number;
          };
          const where = `${site.name} at ${width} px`;
          expect(box.scrollWidth, `${where}: the entry scrolls sideways`).toBeLessThanOrEqual(box.clientWidth);
          expect(box.scrollHeight, `${where}: part of the entry is hidden`).toBeLessThanOrEqual(box.clientHeight);
          // Every character of the entry is laid out, its line ends where the entry's are.
          expect(box.shown.trimEnd(), where).toBe(box.text.trimEnd());
          expect(box.text, where).toMatch(/^@misc\{\w+,\n[\s\S]*\n\}$/);
          // On a phone the long lines wrap onto more rows than the entry has lines: the test sees a real wrap.
          if (width === 375) expect(box.rows, where).toBeGreaterThan(box.lines);
          expect(problems).toEqual([]);
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
  }
});

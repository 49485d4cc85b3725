// The dev server: serves the site, rebuilds on a change, live-reloads, and
// shows content errors as an overlay while the last good site stays served.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, onTestFailed } from "vitest";
import { startDevServer } from "../../scripts/commands/dev.ts";
import { copyFixture } from "../support/helpers.ts";

async function devSite() {
  const root = await copyFixture("basic");
  const log: string[] = [];
  const server = await startDevServer({ root, port: 0, log: (line) => log.push(line), debounceMs: 20 });
  return { root, server, log };
}

/** Reads server-sent events until one named `name` arrives (or fails after 30 s with what was received). */
async function nextEvent(url: string, name: string, trigger: () => Promise<void>): Promise<unknown> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(new Error(`no "${name}" event within 30 s`)), 30_000);
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  await trigger();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("event stream ended");
      buffer += decoder.decode(value, { stream: true });
      const match = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(buffer);
      if (match) return JSON.parse(match[1]!);
    }
  } catch (error) {
    throw new Error(`${(error as Error).message}; received so far: ${JSON.stringify(buffer)}`);
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
}

describe("npm run dev", () => {
  it("serves the site with drafts, and a saved edit changes the served page with a reload event", async () => {
    const { root, server, log } = await devSite();
    onTestFailed(() => console.error(`dev server log:\n${log.join("\n")}`));
    try {
      const page = `${server.url}papers/web-only/`;
      const first = await (await fetch(page)).text();
      expect(first).toContain("Raw HTML such as");
      expect(first).toContain("__paperboy/live.js");
      // Drafts are part of the dev site.
      expect((await fetch(`${server.url}papers/2501.09999/`)).status).toBe(200);

      const file = path.join(root, "content/papers/2025-01-13/web-only.md");
      const reload = await nextEvent(`${server.url}__paperboy/events`, "reload", async () => {
        await writeFile(file, (await readFile(file, "utf8")).replace("Raw HTML such as", "Freshly edited: raw HTML such as"));
      });
      expect(reload).toEqual({});
      expect(await (await fetch(page)).text()).toContain("Freshly edited");
    } finally {
      await server.close();
    }
  });

  it("shows a content error as an overlay, keeps the last good site, and clears it once fixed", async () => {
    const { root, server, log } = await devSite();
    onTestFailed(() => console.error(`dev server log:\n${log.join("\n")}`));
    try {
      const file = path.join(root, "content/papers/2025-01-06/attention-sinks.md");
      const good = await readFile(file, "utf8");
      const problems = (await nextEvent(`${server.url}__paperboy/events`, "problems", async () => {
        await writeFile(file, good.replace("authors:\n  - Ada Lovelace\n  - Alan Turing", "authors: Ada Lovelace"));
      })) as { text: string };
      expect(problems.text).toContain("content/papers/2025-01-06/attention-sinks.md:3: authors: expected a list of names, got a string");
      expect(log.join("\n")).toContain("Still serving the last good build.");

      const page = await (await fetch(`${server.url}papers/2501.01230/`)).text();
      expect(page).toContain('id="paperboy-overlay"');
      expect(page).toContain("Alan Turing"); // the last good build

      await nextEvent(`${server.url}__paperboy/events`, "reload", () => writeFile(file, good));
      expect(await (await fetch(`${server.url}papers/2501.01230/`)).text()).not.toContain('id="paperboy-overlay"');
    } finally {
      await server.close();
    }
  });
});

// `npm run dev`: build with drafts, serve, watch, rebuild and reload. The
// server keeps running through content errors (they show in the browser);
// only a configuration it cannot start with stops it at once.
import { defineCommand, EXIT, untilStopped } from "./command-line.ts";
import { progressReporter, wantsPlainProgress } from "./progress.ts";

/** `npm run dev`. */
export const devCommand = defineCommand({
  name: "dev",
  summary: "build with drafts, serve, watch, and rebuild and reload on every change",
  options: {
    port: { type: "port", value: "<n>", help: "the port to serve on (default 4000; a port in use moves to the next free one)" },
  },
  details:
    "The dev site is written to .cache/paperboy-dev/, never to dist/, so a draft never reaches a deploy.\nA content error shows in the terminal and over the page; the last good build stays served.",
  examples: ["npm run dev", "npm run dev -- --port 4001"],
  async run({ options, root, env, io }) {
    const { startDevServer } = await import("./dev.ts");
    const progress = progressReporter({ stream: io.status, plain: wantsPlainProgress(env, io.status) });
    const server = await startDevServer({
      root,
      port: options.port ?? 4000,
      onProgress: progress.update,
      log: (line) => {
        progress.finish();
        io.out(line);
      },
    });
    if (server.movedFrom !== undefined) io.out(`Port ${server.movedFrom} is in use; serving on ${new URL(server.url).port} instead.`);
    io.out(`Paperboy dev server at ${server.url} (drafts included; Ctrl-C to stop)`);
    await untilStopped(() => server.close(), io, "\nStopping.");
    return EXIT.ok;
  },
});

// `npm run preview`: the built site, served on 127.0.0.1 exactly as GitHub
// Pages will serve it, under the configured base path.
import { stat } from "node:fs/promises";
import path from "node:path";
import { defineCommand, EXIT, untilStopped } from "./command-line.ts";
import { ProblemsFound, UserError } from "../diagnostics/user-error.ts";

/** `npm run preview`. */
export const previewCommand = defineCommand({
  name: "preview",
  summary: "serve dist/ on 127.0.0.1 as GitHub Pages will, under the site's base path",
  options: {
    port: { type: "port", value: "<n>", help: "the port to serve on (default 4173; a port in use moves to the next free one)" },
    out: { type: "string", value: "<dir>", help: "serve <dir> instead of dist/ (what npm run build -- --out wrote)" },
  },
  details: "Folders redirect to their slash with 301, files have the types Pages sends, and a missing page gets 404.html with status 404.",
  examples: ["npm run preview", "npm run build && npm run preview -- --port 8080"],
  async run({ options, root, env, io }) {
    const [{ loadConfig }, { serveSite }] = await Promise.all([import("../content/config.ts"), import("../output/serve.ts")]);
    const config = await loadConfig(root, env);
    if (!config.config) throw new ProblemsFound(config.diagnostics);
    const shown = `${options.out ?? "dist"}/`;
    const dir = path.resolve(root, options.out ?? "dist");
    const built = await stat(path.join(dir, "index.html")).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!built) {
      const exists = await stat(dir).then(
        () => true,
        () => false,
      );
      throw new UserError(
        exists ? `${shown} holds no built site (it has no index.html), so there is nothing to preview` : `there is no ${shown} to preview yet`,
        `build the site first: npm run build${options.out ? ` -- --out ${options.out}` : ""}`,
      );
    }
    const server = await serveSite({ dir, basePath: config.config.basePath, port: options.port ?? 4173 });
    if (server.movedFrom !== undefined) io.out(`Port ${server.movedFrom} is in use; serving on ${server.port} instead.`);
    io.out(`Serving ${shown} at ${server.url} (Ctrl-C to stop)`);
    await untilStopped(() => server.close());
    return EXIT.ok;
  },
});

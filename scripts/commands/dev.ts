// `npm run dev`: build, serve on 127.0.0.1 under the base path, watch content,
// templates and configuration, rebuild what a change touches, and reload open
// pages. A content error shows in the terminal and as an overlay in the
// browser, while the last good site stays served.
//
// The dev site (drafts included) is written to .cache/paperboy-dev/site, never
// to dist/, so a draft can never leak into a deploy; the dev server keeps its
// own compile cache there too, so it never prunes what a parallel build uses.
import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { BuildSession, defaultCacheDir, type BuildResult } from "./build.ts";
import { CONFIG_FILE, loadConfig } from "../content/config.ts";
import { formatDiagnostic, summarise } from "../diagnostics/format.ts";
import { escapeHtml } from "../util/html-text.ts";
import { serveSite, type RunningServer } from "../output/serve.ts";
import { THEME_DIR } from "../render/templates.ts";
import { ProblemsFound } from "../diagnostics/user-error.ts";
import type { BuildProgress, Diagnostic } from "../types.ts";

/** A running dev server. */
export interface DevServer {
  url: string;
  /** The port asked for, when it was in use and the server took the next free one. */
  movedFrom?: number;
  /** Resolves after the rebuild that follows the latest change (for tests). */
  settled(): Promise<BuildResult | undefined>;
  close(): Promise<void>;
}

const LIVE_PATH = "__paperboy/";

/** The browser side of live reload: reloads on a good build, shows an overlay on problems. */
const CLIENT = `(() => {
  const source = new EventSource(new URL("events", document.currentScript.src));
  const show = (text) => {
    let box = document.getElementById("paperboy-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "paperboy-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.96);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;padding:2rem;white-space:pre-wrap";
      document.body.append(box);
    }
    box.textContent = text;
  };
  source.addEventListener("problems", (event) => show(JSON.parse(event.data).text));
  source.addEventListener("reload", () => location.reload());
})();
`;

function overlayMarkup(text: string): string {
  return `<div id="paperboy-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.96);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;padding:2rem;white-space:pre-wrap">${escapeHtml(text)}</div>`;
}

function problemsText(diagnostics: readonly Diagnostic[]): string {
  return `Paperboy could not rebuild the site; the last good build is still served.\n\n${diagnostics.map(formatDiagnostic).join("\n")}\n\n${summarise(diagnostics)}`;
}

/**
 * Starts the dev server for the project in `root`. A configuration it cannot
 * start with (no base path to serve under) throws ProblemsFound; content
 * problems only show, while the server runs on.
 */
export async function startDevServer(options: {
  root: string;
  port?: number;
  log?: (line: string) => void;
  debounceMs?: number;
  /** How long rebuilds must pause before the session saves its cache and manifest (default 2 s). */
  flushAfterMs?: number;
  /** Hears the first build's progress (a large digest takes a while). */
  onProgress?: (progress: BuildProgress) => void;
}): Promise<DevServer> {
  const root = path.resolve(options.root);
  const log = options.log ?? ((line: string) => console.log(line));
  const configResult = await loadConfig(root);
  if (!configResult.config) throw new ProblemsFound(configResult.diagnostics);
  // The dev site is served from 127.0.0.1, so its absolute URLs point there too.
  let basePath = configResult.config.basePath;
  const devDir = `${defaultCacheDir(root)}-dev`;
  const outDir = path.join(devDir, "site");
  const clients = new Set<ServerResponse>();
  let problems: string | undefined;

  const send = (event: string, data: unknown) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  let server: RunningServer | undefined;
  let session: BuildSession;
  const makeSession = (onProgress?: (progress: BuildProgress) => void) =>
    new BuildSession({
      root,
      outDir,
      cacheDir: path.join(devDir, "cache"),
      drafts: true,
      // Saved when the server has been idle a moment (and on stop), not after every saved edit.
      deferSaves: true,
      env: { ...process.env, SITE_URL: `http://127.0.0.1:${server?.port ?? 0}${basePath}` },
      ...(onProgress ? { onProgress } : {}),
    });

  const middleware = (req: import("node:http").IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === `${basePath}${LIVE_PATH}events`) {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write(": connected\n\n");
      if (problems) res.write(`event: problems\ndata: ${JSON.stringify({ text: problems })}\n\n`);
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (url.pathname === `${basePath}${LIVE_PATH}live.js`) {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" });
      res.end(CLIENT);
      return;
    }
    if (!url.pathname.startsWith(basePath) || !(url.pathname.endsWith("/") || url.pathname.endsWith(".html"))) return next();
    const file = path.join(outDir, url.pathname.slice(basePath.length), url.pathname.endsWith("/") ? "index.html" : "");
    if (!file.startsWith(outDir)) return next();
    readFile(file, "utf8").then(
      (html) => {
        const inject = `${problems ? overlayMarkup(problems) : ""}<script src="${basePath}${LIVE_PATH}live.js" defer></script>`;
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
        res.end(html.includes("</body>") ? html.replace("</body>", `${inject}</body>`) : html + inject);
      },
      () => next(),
    );
  };

  server = await serveSite({ dir: outDir, basePath, port: options.port ?? 4000, middleware });
  let firstBuild = true;
  const onProgress = options.onProgress;
  session = makeSession(onProgress && ((progress) => firstBuild && onProgress(progress)));

  const rebuild = async (): Promise<BuildResult> => {
    const started = performance.now();
    const result = await session.build();
    const ms = Math.round(performance.now() - started);
    for (const notice of result.notices) log(`note: ${notice}`);
    if (result.diagnostics.length > 0) {
      problems = problemsText(result.diagnostics);
      log(`\n${result.diagnostics.map(formatDiagnostic).join("\n")}\n\n${summarise(result.diagnostics)} Still serving the last good build.`);
      send("problems", { text: problems });
    } else {
      const hadProblems = problems !== undefined;
      problems = undefined;
      log(
        `Rebuilt in ${ms} ms: ${result.report!.written.length} files written, ${result.stats!.compiled} papers rendered.${hadProblems ? " Problems fixed." : ""}`,
      );
      send("reload", {});
    }
    return result;
  };
  await rebuild();
  // Only the first build is long enough to want progress; later rebuilds mostly update in place.
  firstBuild = false;

  // Changes arrive in bursts (an editor saving, git checkout); they are gathered, then built once.
  let pending = { content: new Set<string>(), all: false, templates: false, config: false };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<BuildResult | undefined> = Promise.resolve(undefined);
  // The session's indexes are saved once rebuilds pause, in the same queue as the builds.
  let flushTimer: NodeJS.Timeout | undefined;
  const flushLater = () => {
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => {
      running = running.then(async (last) => {
        await session
          .flush()
          .catch((error: unknown) => log(`note: the dev server could not save its cache (${(error as Error).message}); the next start rebuilds more`));
        return last;
      });
    }, options.flushAfterMs ?? 2000);
  };
  // The first build's work is saved too, once the server is idle.
  flushLater();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const change = pending;
      pending = { content: new Set(), all: false, templates: false, config: false };
      running = running.then(async () => {
        try {
          if (change.config) {
            const fresh = await loadConfig(root);
            if (fresh.config) basePath = fresh.config.basePath;
            await session.close();
            session = makeSession();
          }
          session.invalidate({ content: change.all ? "all" : [...change.content], templates: change.templates });
          const result = await rebuild();
          flushLater();
          return result;
        } catch (error) {
          // A bug must not stop the server from rebuilding on the next change.
          log(`internal error while rebuilding: ${(error as Error).stack ?? String(error)}\nThis is a bug in Paperboy; please report it.`);
          await session.close();
          session = makeSession();
          return undefined;
        }
      });
    }, options.debounceMs ?? 40);
  };

  // awaitWriteFinish: an editor's save can arrive as several writes; build once the file has settled.
  const watcher: FSWatcher = watch([path.join(root, "content"), path.join(root, "templates"), THEME_DIR, path.join(root, CONFIG_FILE)], {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: 25, pollInterval: 10 },
  });
  watcher.on("all", (event, changed) => {
    const relative = path.relative(root, changed).split(path.sep).join("/");
    if (relative === CONFIG_FILE) pending.config = true;
    else if (relative.startsWith("templates/") || !relative.startsWith("content/")) pending.templates = true;
    else if (event === "addDir" || event === "unlinkDir") pending.all = true;
    else pending.content.add(relative);
    schedule();
  });
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  return {
    url: server.url,
    ...(server.movedFrom !== undefined ? { movedFrom: server.movedFrom } : {}),
    settled: async () => {
      // Wait out the debounce, then the build it started.
      await new Promise((resolve) => setTimeout(resolve, (options.debounceMs ?? 40) + 10));
      return running;
    },
    close: async () => {
      clearTimeout(timer);
      clearTimeout(flushTimer);
      await watcher.close();
      for (const client of clients) client.end();
      await running.catch(() => undefined);
      await session.close();
      await server!.close();
    },
  };
}

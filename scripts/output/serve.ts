// Serves the built site on 127.0.0.1 under its base path, the way GitHub Pages
// does, so what works here works there:
// - `/digest/papers/x/` serves `papers/x/index.html`; `/digest/papers/x`
//   (a folder without its slash) is redirected there with 301, as Pages does,
//   so relative links resolve the same; `/digest/about` serves `about.html`;
// - each file has the type Pages gives it, from the same database (mime-db, by
//   way of mime-types): `.xml` is `application/xml`, `.json` is
//   `application/json; charset=utf-8`, an unknown extension (`.bib`) is
//   `application/octet-stream`;
// - anything missing gets `404.html` with status 404.
// `/digest` redirects to `/digest/` with 301 as on Pages; `/` redirects to the
// base path with 302, a local convenience (on Pages, `/` is the owner's site).
// sirv sends the files (ETags, ranges, streaming). A port in use moves the
// server to the next free one, and says so through `movedFrom`.
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { contentType } from "mime-types";
import sirv from "sirv";
import { UserError } from "../diagnostics/user-error.ts";

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  /** The port asked for, when it was in use and the server took the next free one. */
  movedFrom?: number;
  server: Server;
  close(): Promise<void>;
}

/** Extra request handling that runs before files are served (the dev server's live reload). */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** How many ports after the one asked for are tried before giving up. */
const PORTS_TRIED = 20;

/** The Content-Type GitHub Pages sends for a file name. */
export function pagesContentType(file: string): string {
  return contentType(path.extname(file)) || "application/octet-stream";
}

/**
 * Starts a static server for `dir`; `port: 0` picks a free port, and a port in
 * use moves on to the next free one.
 */
export async function serveSite(options: { dir: string; basePath: string; port?: number; dev?: boolean; middleware?: Middleware }): Promise<RunningServer> {
  const { dir, basePath } = options;
  const notFound = async (res: ServerResponse) => {
    let body: Buffer | string = "Not found";
    try {
      body = await readFile(path.join(dir, "404.html"));
      res.setHeader("Content-Type", "text/html; charset=utf-8");
    } catch {
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
    }
    res.statusCode = 404;
    res.end(body);
  };
  const redirect = (res: ServerResponse, status: 301 | 302, location: string) => {
    res.writeHead(status, { Location: location });
    res.end();
  };
  const files = sirv(dir, {
    dev: options.dev ?? true,
    etag: true,
    dotfiles: false,
    // Requests arrive here resolved to a file (below), so sirv never guesses one.
    extensions: [],
    onNoMatch: (_req, res) => void notFound(res),
    setHeaders: (res, pathname) => res.setHeader("Content-Type", pagesContentType(pathname)),
  });

  const serveFile = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!url.pathname.startsWith(basePath)) {
      if (`${url.pathname}/` === basePath) return redirect(res, 301, `${basePath}${url.search}`);
      if (url.pathname === "/") return redirect(res, 302, basePath);
      return notFound(res);
    }
    const inside = url.pathname.slice(basePath.length);
    const file = await resolveFile(dir, inside);
    if (file === "folder") return redirect(res, 301, `${url.pathname}/${url.search}`);
    if (file === undefined) return notFound(res);
    req.url = `/${file.split("/").map(encodeURIComponent).join("/")}`;
    files(req, res, () => void notFound(res));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const next = () => void serveFile(req, res, url).catch(() => void notFound(res));
    if (options.middleware) options.middleware(req, res, next);
    else next();
  });

  const requested = options.port ?? 0;
  const port = await listenFromPort(server, requested);
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    port,
    ...(requested !== 0 && port !== requested ? { movedFrom: requested } : {}),
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The file a path inside the site names, as Pages resolves it: the file
 * itself; a folder's `index.html` (or "folder" when the path lacks the slash
 * Pages redirects to); `<path>.html`. Undefined when there is none, or when
 * the path would leave the folder.
 */
async function resolveFile(dir: string, inside: string): Promise<string | "folder" | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(inside);
  } catch {
    return undefined;
  }
  const segments = decoded.split("/");
  if (segments.some((s) => s === ".." || s === "." || s.includes("\\") || s.includes("\0"))) return undefined;
  const isFile = async (relative: string) => (await stat(path.join(dir, relative)).catch(() => undefined))?.isFile() ?? false;
  if (decoded === "" || decoded.endsWith("/")) return (await isFile(`${decoded}index.html`)) ? `${decoded}index.html` : undefined;
  const info = await stat(path.join(dir, decoded)).catch(() => undefined);
  if (info?.isFile()) return decoded;
  if (info?.isDirectory()) return "folder";
  return (await isFile(`${decoded}.html`)) ? `${decoded}.html` : undefined;
}

/** Listens on 127.0.0.1 at `port`, or the next free port after it; returns the port taken. */
async function listenFromPort(server: Server, port: number): Promise<number> {
  const last = port === 0 ? 0 : Math.min(65535, port + PORTS_TRIED - 1);
  for (let candidate = port; candidate <= last; candidate++) {
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const onError = (e: NodeJS.ErrnoException) => resolve(e);
      server.once("error", onError);
      server.listen(candidate, "127.0.0.1", () => {
        server.off("error", onError);
        resolve(undefined);
      });
    });
    if (!error) return (server.address() as AddressInfo).port;
    if (error.code === "EACCES")
      throw new UserError(
        `could not listen on port ${candidate}: permission denied (ports below 1024 need administrator rights)`,
        "choose another port with --port, e.g. --port 4173",
      );
    if (error.code !== "EADDRINUSE") throw error;
  }
  throw new UserError(`ports ${port} to ${last} are all in use`, "choose another port with --port, or --port 0 for any free one");
}

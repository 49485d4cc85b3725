// Serves the built site on 127.0.0.1 under its base path, the way GitHub Pages
// does: `/digest/papers/x/` serves `papers/x/index.html`, anything missing gets
// `404.html` with status 404, and requests outside the base path are redirected
// to it. sirv does the file serving (content types, ETags, path safety).
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sirv from "sirv";

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Extra request handling that runs before files are served (the dev server's live reload). */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Starts a static server for `dir`; `port: 0` picks a free port. */
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
  const files = sirv(dir, {
    dev: options.dev ?? true,
    etag: true,
    dotfiles: false,
    extensions: ["html"],
    onNoMatch: (_req, res) => void notFound(res),
    setHeaders: (res, pathname) => {
      if (pathname.endsWith(".xml")) res.setHeader("Content-Type", pathname.endsWith("atom.xml") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    },
  });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const serveFile = () => {
      if (!url.pathname.startsWith(basePath)) {
        if (url.pathname === "/" || `${url.pathname}/` === basePath) {
          res.writeHead(302, { Location: basePath });
          res.end();
        } else {
          void notFound(res);
        }
        return;
      }
      // GitHub Pages redirects a folder without its trailing slash.
      const inside = url.pathname.slice(basePath.length);
      req.url = `/${inside}${url.search}`;
      files(req, res, () => void notFound(res));
    };
    if (options.middleware) options.middleware(req, res, serveFile);
    else serveFile();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A stand-in for Hugging Face's `GET /api/daily_papers?date=…&limit=…&p=…` on
// 127.0.0.1, answering each day with the replies recorded under
// test/fixtures/hugging-face/, in order, repeating the last. A page after the
// first (`p` > 0) that has no script of its own is an empty list, as
// Hugging Face answers past the end. No test reaches the real Hugging Face.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Reply, ReplayServer } from "./arxiv-replay.ts";

/** Where the recorded answers live. */
export const HF_FIXTURES = fileURLToPath(new URL("../fixtures/hugging-face/", import.meta.url));

/** What Hugging Face answers per day (`2025-10-06`) or per later page (`2025-10-06#1`). */
export const HF_RECORDED: Record<string, Reply[]> = {
  "2025-10-06": [{ file: "2025-10-06.json" }],
  "2025-10-05": [{ file: "empty.json" }],
  // Busy once, then the day.
  "2025-10-07": [{ status: 503, headers: { "Retry-After": "1" }, file: "not-json.html" }, { file: "2025-10-06.json" }],
  "2025-10-08": [{ file: "not-json.html" }],
  "2025-10-09": [{ file: "wrong-types.json" }],
  "2025-10-10": [{ status: 400, file: "refused.json" }],
};

/** Starts the replay server on a free port of 127.0.0.1; `requests` lists `<date>#<page>` for each request. */
export async function startHfReplay(replies: Record<string, Reply[]> = HF_RECORDED): Promise<ReplayServer> {
  const requests: string[] = [];
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    void (async () => {
      const params = new URL(req.url ?? "/", "http://127.0.0.1").searchParams;
      const date = params.get("date") ?? "";
      const page = Number(params.get("p") ?? 0);
      const key = page === 0 ? date : `${date}#${page}`;
      requests.push(`${date}#${page}`);
      const script = replies[key];
      if (!script) {
        if (page > 0) {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end("[]");
          return;
        }
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`no recorded answer for ${date}`);
        return;
      }
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      const reply = script[Math.min(index, script.length - 1)]!;
      const body = reply.file ? await readFile(path.join(HF_FIXTURES, reply.file)) : (reply.body ?? "");
      const type = reply.file?.endsWith(".html") ? "text/html" : "application/json; charset=utf-8";
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs).unref());
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { "Content-Type": type, ...reply.headers });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/daily_papers`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

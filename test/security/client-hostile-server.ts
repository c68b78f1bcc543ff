import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * A hostile OpenAI-compatible endpoint on 127.0.0.1 for the client's bounds: bodies that never end,
 * gzip bombs, lying Content-Length, absurd usage, odd Retry-After, stalls. Every way of answering
 * stops by itself (a byte budget or the client closing), so a test that regresses fails instead of
 * filling the machine's memory. The answers are a script (request n gets `script[min(n, last)]`) or
 * a function of the request's number and body (an agent played by the server); every request body
 * is kept (`bodies`), so a test can look for what must never be sent, such as the API key.
 */
export type HostileReply =
  /** An ordinary completion with this usage object (anything, as JSON). */
  | { kind: "usage"; usage: unknown; text?: string }
  /** `{"choices":[...` and then spaces, as fast as the client reads, up to `budgetBytes`. */
  | { kind: "endless"; budgetBytes: number }
  /** A gzip body of `members` concatenated gzip members of 16 MiB of zeros each (16 KB each on the wire). */
  | { kind: "gzip-bomb"; members: number }
  /** Declares `declared` bytes and sends a small body. */
  | { kind: "declared"; declared: number }
  /** A 429 with this Retry-After, then the next reply in the script. */
  | { kind: "retry-after"; value: string }
  /** Headers at once, then one byte every `everyMs`, never finishing (until the client gives up). */
  | { kind: "drip"; everyMs: number }
  /** Accept and never answer. */
  | { kind: "stall" };

export interface HostileServer {
  url: string;
  /** Requests seen. */
  requests: number;
  /** Each request's body (UTF-8), by request number; bodies over 64 MiB are cut there. */
  bodies: string[];
  /** Requests to a path other than `/v1/chat/completions` (e.g. agent code reaching the server from a sandbox). */
  otherPaths: string[];
  /** Body bytes written to each response so far (on the wire), by request number. */
  written: number[];
  /** Responses whose connection the client closed before the server had finished. */
  closedEarly: number;
  close(): Promise<void>;
}

const ZEROS_MEMBER = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });

export function completionBody(text: string, usage: unknown): string {
  return JSON.stringify({ id: "x", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage });
}

/** What answers request `n` (0-based), given its body. */
export type HostileScript = HostileReply[] | ((n: number, body: string) => HostileReply);

const MAX_KEPT_BODY = 64 * 1024 * 1024;

/** Start a server answering request n with `script[min(n, last)]`, or `script(n, body)`. */
export async function startHostileServer(script: HostileScript): Promise<HostileServer> {
  const open = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const state: HostileServer = { url: "", requests: 0, bodies: [], otherPaths: [], written: [], closedEarly: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on("data", (c: Buffer) => {
      if (kept < MAX_KEPT_BODY) chunks.push(c);
      kept += c.length;
    });
    req.on("end", () => {
      const n = state.requests++;
      state.written[n] = 0;
      const body = Buffer.concat(chunks).toString("utf8");
      state.bodies[n] = body;
      if (!(req.url ?? "").endsWith("/chat/completions")) state.otherPaths.push(`${req.method ?? "?"} ${req.url ?? ""}`);
      const reply = typeof script === "function" ? script(n, body) : script[Math.min(n, script.length - 1)]!;
      open.add(res);
      res.on("close", () => {
        open.delete(res);
        if (!res.writableFinished) state.closedEarly++;
      });
      const write = (chunk: Buffer | string): boolean => {
        state.written[n]! += Buffer.byteLength(chunk);
        return res.write(chunk);
      };
      switch (reply.kind) {
        case "usage": {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(completionBody(reply.text ?? "ok", reply.usage));
          return;
        }
        case "endless": {
          res.writeHead(200, { "content-type": "application/json" });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          write('{"choices":[');
          const pump = (): void => {
            while (!res.destroyed && state.written[n]! < reply.budgetBytes) {
              if (!write(chunk)) {
                res.once("drain", pump);
                return;
              }
            }
            if (!res.destroyed) res.end("]}");
          };
          pump();
          return;
        }
        case "gzip-bomb": {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
          let sent = 0;
          const pump = (): void => {
            while (!res.destroyed && sent < reply.members) {
              sent++;
              if (!write(ZEROS_MEMBER)) {
                res.once("drain", pump);
                return;
              }
            }
            if (!res.destroyed) res.end();
          };
          pump();
          return;
        }
        case "declared": {
          res.writeHead(200, { "content-type": "application/json", "content-length": String(reply.declared) });
          write(completionBody("small", { prompt_tokens: 1, completion_tokens: 1 }));
          // Never sends the rest: the client must not wait for it.
          return;
        }
        case "retry-after": {
          res.writeHead(429, { "content-type": "application/json", "retry-after": reply.value });
          res.end(JSON.stringify({ error: { message: "slow down" } }));
          return;
        }
        case "drip": {
          res.writeHead(200, { "content-type": "application/json" });
          write('{"choices":[');
          const t = setInterval(() => {
            if (res.destroyed) clearInterval(t);
            else write(" ");
          }, reply.everyMs);
          timers.add(t);
          return;
        }
        case "stall":
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearInterval(t);
      for (const r of open) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Suite } from "../../src/tasks/types.js";

/**
 * A local OpenAI-compatible chat-completions server for tests (real HTTP on 127.0.0.1, the real SDK
 * on the other side): each request is answered by a handler, which can script replies, errors,
 * stalls and malformed bodies. Every request is kept, with its arrival time.
 */

export interface SeenRequest {
  /** 0-based arrival order. */
  n: number;
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; messages?: { role: string; content: string }[]; [k: string]: unknown };
}

export type FakeReply =
  | { kind: "json"; status?: number; headers?: Record<string, string>; body: unknown }
  | { kind: "raw"; status?: number; headers?: Record<string, string>; text: string }
  /** Accept the request and never answer (until the server closes). */
  | { kind: "stall" }
  /** Close the connection without an answer. */
  | { kind: "destroy" };

export type FakeHandler = (req: SeenRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  /** Usage reported in successful completions, summed. */
  reported: { input: number; output: number };
  setHandler(h: FakeHandler): void;
  close(): Promise<void>;
}

export function completion(text: string, usage: { prompt_tokens: number; completion_tokens: number } | null, model = "test-model"): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
  };
  if (usage) body["usage"] = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  return body;
}

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  let h = handler;
  const requests: SeenRequest[] = [];
  const reported = { input: 0, output: 0 };
  const stalled = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen: SeenRequest = {
        n: requests.length,
        at: performance.now(),
        path: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as SeenRequest["body"],
      };
      requests.push(seen);
      // A handler that throws answers 500 with its message (a test bug must not hang a request).
      void Promise.resolve()
        .then(() => h(seen))
        .catch((e: unknown): FakeReply => ({ kind: "json", status: 500, body: { error: { message: `fake server handler failed: ${String(e)}` } } }))
        .then((r) => {
        if (r.kind === "stall") {
          stalled.add(res);
          res.on("close", () => stalled.delete(res));
          return;
        }
        if (r.kind === "destroy") {
          req.socket.destroy();
          return;
        }
        const status = r.status ?? 200;
        const text = r.kind === "json" ? JSON.stringify(r.body) : r.text;
        if (r.kind === "json" && status === 200) {
          const u = (r.body as { usage?: { prompt_tokens: number; completion_tokens: number } }).usage;
          const choices = (r.body as { choices?: unknown[] }).choices;
          if (u && Array.isArray(choices) && choices.length > 0) {
            reported.input += u.prompt_tokens;
            reported.output += u.completion_tokens;
          }
        }
        res.writeHead(status, { "content-type": "application/json", ...r.headers });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    reported,
    setHandler(x) {
      h = x;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ------------------------------------------------------------------ a scripted team member

interface BoardLine {
  id: string;
  state: "free" | "claimed" | "done";
  owner: string | null;
  needs: string[];
}

/** The board and the agent's identity, read back from the rendered prompt. */
export function readPrompt(messages: readonly { role: string; content: string }[]): { agent: string; lead: boolean; workers: string[]; board: BoardLine[]; round: number } {
  const user = messages.find((m) => m.role === "user")?.content ?? "";
  const who = /Round (\d+) of at most \d+\. You are (\S+?)(, the lead)?\. Team: ([^;.\n]+)/.exec(user);
  if (!who) throw new Error(`fake server: cannot read the prompt: ${user.slice(0, 200)}`);
  const board: BoardLine[] = [];
  for (const m of user.matchAll(/^- (\S+) \[(free|claimed by (\S+)|done by (\S+))\] [^\n]*?(?: \(needs ([^)]+)\))?$/gm)) {
    const state = m[2] === "free" ? "free" : m[2]!.startsWith("claimed") ? "claimed" : "done";
    board.push({ id: m[1]!, state, owner: m[3] ?? m[4] ?? null, needs: m[5] ? m[5].split(", ") : [] });
  }
  return { agent: who[2]!, lead: who[3] !== undefined, workers: who[4]!.split(", "), board, round: Number(who[1]) };
}

/**
 * A competent team member for `suite` (which carries reference solutions): it writes and completes its
 * own ready tasks; in decentralized mode it claims free ready tasks (those dealt to it by index first);
 * as the lead it assigns free ready tasks round-robin. Replies in the action-tag protocol.
 */
export function teamPolicy(suite: Suite): (messages: readonly { role: string; content: string }[]) => string {
  const byId = new Map(suite.tasks.map((t) => [t.id, t]));
  return (messages) => {
    const system = messages.find((m) => m.role === "system")?.content ?? "";
    const decentralized = system.includes("# Coordination: decentralized");
    const p = readPrompt(messages);
    const done = new Set(p.board.filter((b) => b.state === "done").map((b) => b.id));
    const ready = (b: BoardLine): boolean => b.needs.every((d) => done.has(d));
    const parts: string[] = [];
    if (p.lead) {
      const free = p.board.filter((b) => b.state === "free" && ready(b));
      free.forEach((b, i) => parts.push(`<assign task="${b.id}" to="${p.workers[i % p.workers.length]!}"/>`));
      return ["Assigning.", ...parts].join("\n");
    }
    const mine = p.board.filter((b) => b.state === "claimed" && b.owner === p.agent).map((b) => b.id);
    if (decentralized) {
      const me = p.workers.indexOf(p.agent);
      const free = p.board.filter((b) => b.state === "free" && ready(b));
      const dealt = free.filter((_, i) => i % p.workers.length === me).slice(0, 3);
      for (const b of dealt) {
        parts.push(`<claim task="${b.id}"/>`);
        mine.push(b.id);
      }
    }
    // In board order, a task can be completed when its dependencies are done or completed earlier here.
    const completing = new Set<string>();
    for (const id of p.board.map((b) => b.id)) {
      if (!mine.includes(id)) continue;
      const line = p.board.find((b) => b.id === id)!;
      if (!line.needs.every((d) => done.has(d) || completing.has(d))) continue;
      const task = byId.get(id)!;
      for (const [path, content] of Object.entries(task.solution ?? Object.fromEntries(task.files.map((f) => [f, `# ${id}\n`])))) {
        parts.push(`<write path="${path}">\n${content}</write>`);
      }
      parts.push(`<complete task="${id}"/>`);
      completing.add(id);
    }
    return [parts.length ? "Doing my tasks." : "Waiting.", ...parts].join("\n");
  };
}

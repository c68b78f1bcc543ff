import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRedactableSecret, redactSecrets, shortSecretWarning } from "../../src/llm/secrets.js";
import { createOpenAIBackend } from "../../src/llm/openai-backend.js";
import { sweepMain } from "../../src/cli/sweep-cli.js";
import { catalogOf } from "../../src/experiment/catalog.js";
import { createInProcessRunner } from "../../src/tasks/runner.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";
import { parseCassette } from "../../src/llm/cassette.js";
import { completion, startFakeServer, teamPolicy, type FakeServer } from "../llm/fake-openai-server.js";

/**
 * Redaction must not mangle ordinary text (issue 10, item 6): with OPENAI_API_KEY=local (a common
 * placeholder for local servers) and --model local, every run id in the progress lines read
 * "[REDACTED]_mathutils_..." before. Only values long and specific enough to be secrets are
 * redacted, and a key too short to be redacted safely is reported once.
 */

describe("which secrets are redacted", () => {
  it("leaves short or plain values alone and says why", () => {
    for (const s of ["local", "ollama", "none", "not-needed", "administrator", "Administrator", "123456789012"]) {
      expect(isRedactableSecret(s), s).toBe(false);
      expect(redactSecrets(`run local_mathutils_p09 of ${s} at 123456789012: administrator said ok`, [s])).toBe(`run local_mathutils_p09 of ${s} at 123456789012: administrator said ok`);
    }
    expect(shortSecretWarning("OPENAI_API_KEY", "local")).toBe(
      "OPENAI_API_KEY is only 5 characters: too short or plain to be told apart from ordinary text, so it is not redacted from messages and cassettes (only keys of 12+ characters that are not a plain word or number are). Fine for a local server's placeholder key; never use a real key this short.",
    );
    expect(shortSecretWarning("OPENAI_API_KEY", "administrator")).toMatch(/^OPENAI_API_KEY is a plain word or number: too short or plain/);
    expect(shortSecretWarning("OPENAI_API_KEY", "sk-abc123456789")).toBeNull();
  });

  it("redacts real-looking keys whole and in fragments, but not the ordinary words inside them", () => {
    const key = "mypassword-2024-Xy";
    expect(isRedactableSecret(key)).toBe(true);
    expect(redactSecrets(`key ${key}; the password field`, [key])).toBe("key [REDACTED]; the password field");
    // A partial echo (the server masked the start): the specific fragments go.
    expect(redactSecrets("got ...word-2024-Xy", [key])).not.toContain("-2024-Xy");
    const lower = "qzkxjvwpmrtbnhgyfdlcsaeuoi"; // 26 random lower-case letters: long enough on its own
    expect(redactSecrets(`echo ${lower.slice(5, 20)}`, [lower])).toBe("echo [REDACTED]");
  });

  it("warns once (through onWarning) when the backend's key is too short to redact, not for a real key", () => {
    const seen: string[] = [];
    createOpenAIBackend({ model: "local", apiKey: "local", baseURL: "http://127.0.0.1:9/v1", onWarning: (m) => seen.push(m) });
    createOpenAIBackend({ model: "m", apiKey: "sk-real-looking-0123456789", baseURL: "http://127.0.0.1:9/v1", onWarning: (m) => seen.push(m) });
    expect(seen).toEqual([shortSecretWarning("the API key", "local")]);
  });
});

describe("a sweep with OPENAI_API_KEY=local and --model local", () => {
  const root = mkdtempSync(join(tmpdir(), "redaction-sweep-"));
  const suite = syntheticSuite({ n: 4, p: 0.5 });
  const policy = teamPolicy(suite);
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer((req) => ({ kind: "json", body: completion(policy(req.body.messages!), { prompt_tokens: 50, completion_tokens: 5 }, "local") }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("prints and records run ids as they are, and warns once that the key is not redacted", async () => {
    const out = join(root, "sweep");
    const text = { stdout: "", stderr: "" };
    const code = await sweepMain(["--suite", suite.id, "--backend", "openai", "--model", "local", "--n", "1-2", "--reps", "1", "--mode", "decentralized", "--out", out], {
      stdout: { write: (s: string) => ((text.stdout += s), true) },
      stderr: { write: (s: string) => ((text.stderr += s), true) },
      packageVersion: "0.0.0-test",
      env: { OPENAI_API_KEY: "local", OPENAI_BASE_URL: server.url },
      cwd: root,
      deps: { catalog: catalogOf([suite]) },
      llm: { testRunner: createInProcessRunner() },
    });
    expect(code, text.stderr).toBe(0);
    expect(text.stdout + text.stderr).not.toContain("[REDACTED]");
    expect(text.stdout + text.stderr).toContain(`local_${suite.id}_decentralized_n2_rep0`);
    // The warning is one sweep line, printed once (the sweep's own onWarning), and never holds the key.
    const warningLines = (text.stdout + text.stderr).split("\n").filter((l) => l.startsWith("sweep: warning: "));
    expect(warningLines).toEqual([`sweep: warning: ${shortSecretWarning("the API key", "local")}`]);
    const cassettes = readdirSync(join(out, "cassettes")).sort();
    expect(cassettes).toEqual([`local_${suite.id}_decentralized_n1_rep0.jsonl`, `local_${suite.id}_decentralized_n2_rep0.jsonl`]);
    for (const f of cassettes) {
      const { header, entries } = parseCassette(readFileSync(join(out, "cassettes", f), "utf8"), f);
      expect(header).toMatchObject({ run: f.replace(/\.jsonl$/, ""), model: "local" });
      expect(JSON.stringify(entries)).not.toContain("[REDACTED]");
    }
  });
});

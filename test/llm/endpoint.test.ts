import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeEndpoint, endpointBackendOptions, notebookEndpoint } from "../../src/llm/endpoint.js";

const empty = mkdtempSync(join(tmpdir(), "endpoint-test-"));
const withFile = mkdtempSync(join(tmpdir(), "endpoint-test-"));
writeFileSync(join(withFile, ".env"), "OPENAI_API_KEY=sk-from-file-0123456789\nOPENAI_BASE_URL=http://localhost:11434/v1\n");
afterAll(() => [empty, withFile].forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("notebookEndpoint", () => {
  it("is null without a key, so the real-team cells do not run", () => {
    expect(notebookEndpoint({}, empty)).toBeNull();
    expect(notebookEndpoint({ OPENAI_API_KEY: "" }, empty)).toBeNull();
  });

  it("takes the key and URL from the environment, the model from OPENAI_MODEL (default gpt-4o-mini)", () => {
    expect(notebookEndpoint({ OPENAI_API_KEY: "sk-test" }, empty)).toEqual({ apiKey: "sk-test", baseURL: null, model: "gpt-4o-mini", envFile: null });
    expect(notebookEndpoint({ OPENAI_API_KEY: "k", OPENAI_BASE_URL: "http://h:1/v1", OPENAI_MODEL: "llama3.1" }, empty)).toMatchObject({ baseURL: "http://h:1/v1", model: "llama3.1" });
  });

  it("reads a .env file in the folder, the environment winning", () => {
    expect(notebookEndpoint({}, withFile)).toMatchObject({ apiKey: "sk-from-file-0123456789", baseURL: "http://localhost:11434/v1", envFile: join(withFile, ".env") });
    expect(notebookEndpoint({ OPENAI_API_KEY: "sk-env" }, withFile)!.apiKey).toBe("sk-env");
  });
});

describe("describeEndpoint", () => {
  it("names the model and endpoint, never the key, user info or query", () => {
    const e = { apiKey: "sk-secret-0123456789", baseURL: "https://user:pw@gw.example/v1?api-key=sk-secret-0123456789", model: "m", envFile: null };
    expect(describeEndpoint(e)).toBe("model m at https://gw.example/v1");
    expect(describeEndpoint({ ...e, baseURL: null })).toBe("model m at https://api.openai.com/v1");
  });
});

describe("endpointBackendOptions", () => {
  it("passes the base URL only when one is set", () => {
    expect(endpointBackendOptions({ apiKey: "k", baseURL: null, model: "m", envFile: null })).toEqual({ model: "m", apiKey: "k" });
    expect(endpointBackendOptions({ apiKey: "k", baseURL: "http://h/v1", model: "m", envFile: null })).toEqual({ model: "m", apiKey: "k", baseURL: "http://h/v1" });
  });
});

import type { SweepCliIo } from "../../src/cli/sweep-cli.js";
import { catalogOf } from "../../src/experiment/catalog.js";
import type { Suite } from "../../src/tasks/types.js";

/** A writable stream stand-in that keeps what was written. */
export function sink(): { write(s: string): boolean; text: string } {
  return {
    text: "",
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

export type CapturedIo = SweepCliIo & { stdout: ReturnType<typeof sink>; stderr: ReturnType<typeof sink> };

/**
 * The sweep CLI's io for a real-backend test against a local fake server: captured output, the key and
 * endpoint in `env`, one suite as the catalog, fast retries, sandbox folders under `root`.
 */
export function sweepIoFactory(setting: { key: string; url: () => string; root: string; suite: Suite }): (extra?: Partial<SweepCliIo>) => CapturedIo {
  return (extra = {}) =>
    ({
      stdout: sink(),
      stderr: sink(),
      packageVersion: "0.0.0-test",
      env: { OPENAI_API_KEY: setting.key, OPENAI_BASE_URL: setting.url() },
      cwd: setting.root,
      deps: { catalog: catalogOf([setting.suite]) },
      llm: { backendOverrides: { retry: { baseDelayMs: 2, maxDelayMs: 10 } }, sandbox: { tempParent: setting.root, timeLimitMs: 5000 } },
      ...extra,
    }) as CapturedIo;
}

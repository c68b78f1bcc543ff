import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseEnv } from "node:util";
import { error } from "../core/errors.js";

/**
 * Where the OpenAI-compatible backend finds its endpoint and key: the SDK's standard variables
 * `OPENAI_BASE_URL` and `OPENAI_API_KEY`, from the process environment or a `.env` file. Nothing is
 * loaded at import time and `process.env` is never modified (the key stays out of every child
 * process's environment).
 */
export interface OpenAIEnv {
  apiKey: string | null;
  baseURL: string | null;
  /** The .env file read, or null. */
  envFile: string | null;
}

/**
 * Read a `.env` file (Node's own parser, `util.parseEnv`: `KEY=value`, quotes, `#` comments).
 * @throws ToolkitError naming the file when it cannot be read.
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw error("readEnvFile", `${path}: cannot read the env file (${(e as Error).message})`, e);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parseEnv(text))) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * The endpoint and key: the environment first, then the env file (`envFile`, or `.env` in `cwd` when
 * there is one), as Node's `--env-file` and dotenv do: a variable set in the environment wins.
 * Empty values count as unset.
 *
 * @throws ToolkitError when an explicitly named env file cannot be read.
 * @example resolveOpenAIEnv({ env: process.env, cwd: process.cwd() })
 */
export function resolveOpenAIEnv(options: { env: Readonly<Record<string, string | undefined>>; cwd: string; envFile?: string }): OpenAIEnv {
  let fileVars: Record<string, string> = {};
  let envFile: string | null = null;
  if (options.envFile !== undefined) {
    envFile = resolve(options.cwd, options.envFile);
    fileVars = readEnvFile(envFile);
  } else {
    const local = join(options.cwd, ".env");
    if (existsSync(local)) {
      envFile = local;
      fileVars = readEnvFile(local);
    }
  }
  const pick = (name: string): string | null => {
    const v = options.env[name];
    if (v !== undefined && v !== "") return v;
    const f = fileVars[name];
    return f !== undefined && f !== "" ? f : null;
  };
  return { apiKey: pick("OPENAI_API_KEY"), baseURL: pick("OPENAI_BASE_URL"), envFile };
}

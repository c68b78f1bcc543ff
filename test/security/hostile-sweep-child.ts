import { readFileSync } from "node:fs";
import { sweepMain } from "../../src/cli/sweep-cli.js";
import { catalogOf } from "../../src/experiment/catalog.js";
import { HOSTILE_SUITES } from "./hostile-agent.js";

/**
 * The sweep process of the hostile sweep (hostile-sweep-harness.ts): the sweep CLI's main function
 * with this process's arguments, environment (OPENAI_API_KEY, OPENAI_BASE_URL) and streams, on a
 * catalog of the hostile suites (two JS suites and one tested by a command, so both runners face the
 * attacks). Its last stdout line is `hostile-sweep-child: {"code":..,"maxRssKb":..}`, the exit code
 * and this process's own peak resident memory (getrusage). With HOSTILE_SWEEP_NO_BWRAP=1 bubblewrap is
 * pointed at a missing file, so that with --unsafe-no-sandbox the agent code runs without the OS
 * sandbox (the test's control).
 */
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const code = await sweepMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  packageVersion: pkg.version,
  env: process.env,
  cwd: process.env["HOME"] ?? process.cwd(),
  deps: { catalog: catalogOf([...HOSTILE_SUITES]) },
  // The control of hostile-sweep.test.ts: bubblewrap pointed at a missing file (with --unsafe-no-sandbox).
  ...(process.env["HOSTILE_SWEEP_NO_BWRAP"] === "1" ? { llm: { sandbox: { bwrapPath: "/nonexistent/bwrap" } } } : {}),
});
process.stdout.write(`hostile-sweep-child: ${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;

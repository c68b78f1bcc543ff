import { createUntrustedTestRunner } from "../../src/sandbox/untrusted-runner.js";
import { commandSuite } from "./probe.js";

/**
 * A process that tests agent code without the OS sandbox (`unsafeNoSandbox`, bubblewrap pointed at a
 * missing file), so that its runner makes its temporary folder under argv[2]; it prints "ready" once
 * a test has run and then waits to be killed (crash-unsafe-temp.test.ts kills it with -9).
 */
const runner = createUntrustedTestRunner({ unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap", tempParent: process.argv[2]!, timeLimitMs: 20_000 });
const outcome = await runner.run(new Map([["probe.cjs", "process.exit(0)\n"]]), commandSuite("node probe.cjs"));
process.stdout.write(`ready ${outcome.returncode}\n`);
setInterval(() => undefined, 60_000);

import type { TestRunner } from "../tasks/runner.js";
import { createCommandRunner, type CommandRunnerOptions } from "./command-runner.js";
import { createSandboxRunner, type SandboxDescription } from "./node-sandbox-runner.js";

export interface UntrustedTestRunner extends TestRunner {
  /** The two runners' confinement, for config.json. */
  describe(): { js: SandboxDescription; command: SandboxDescription };
  dispose(): void;
}

/**
 * The test runner for code written by real LLMs: suites with JS tests (the built-in ones) go to the
 * sandboxed Node runner (`createSandboxRunner`), suites with a `testCommand` (the paper's task lists)
 * to the command runner (`createCommandRunner`). Both are made with the same limits, and both refuse
 * to be made where the OS sandbox cannot start (`SandboxUnavailableError`, naming the cause and the
 * fix) unless `unsafeNoSandbox` is set.
 */
export function createUntrustedTestRunner(options: CommandRunnerOptions = {}): UntrustedTestRunner {
  const { env: _env, readOnlyPaths: _paths, ...limits } = options;
  const js = createSandboxRunner(limits);
  const command = createCommandRunner(options);
  return {
    run: (files, suite, taskIds) => (suite.testCommand === undefined ? js.run(files, suite, taskIds) : command.run(files, suite, taskIds)),
    describe: () => ({ js: js.describe(), command: command.describe() }),
    dispose() {
      js.dispose();
      command.dispose();
    },
  };
}

export { type NetworkIsolation, type SandboxLimits, resolveSandboxLimits } from "./limits.js";
export { SandboxError, materialiseWorkspace, assertNoSymlinks } from "./materialise.js";
export { type KillReason, type LimitedSpawnOptions, type LimitedSpawnResult, spawnLimited, networkNamespacePrefix, residentBytes } from "./spawn-limited.js";
export { type SandboxDescription, type SandboxTestRunner, createSandboxRunner } from "./node-sandbox-runner.js";
export { type CommandRunnerOptions, createCommandRunner, parseCommand, summaryCounts } from "./command-runner.js";
export { type UntrustedTestRunner, createUntrustedTestRunner } from "./untrusted-runner.js";

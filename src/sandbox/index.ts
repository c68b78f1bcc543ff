export { type NetworkIsolation, type SandboxLimits, resolveSandboxLimits } from "./limits.js";
export { SandboxError, materialiseWorkspace, assertNoSymlinks } from "./materialise.js";
export { type SandboxProbe, type SandboxHost, SandboxUnavailableError, probeSandbox, SANDBOX_WORKSPACE } from "./bwrap.js";
export { type KillReason, type LimitedSpawnOptions, type LimitedSpawnResult, spawnLimited, networkNamespacePrefix, residentBytes, treeResidentBytes } from "./spawn-limited.js";
export { type SandboxDescription, type SandboxTestRunner, createSandboxRunner } from "./node-sandbox-runner.js";
export { type CommandRunnerOptions, createCommandRunner, parseCommand, summaryCounts } from "./command-runner.js";
export { type UntrustedTestRunner, createUntrustedTestRunner } from "./untrusted-runner.js";

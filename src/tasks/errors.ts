import { ToolkitError } from "../core/errors.js";
import type { ValidationIssue } from "./validate-suite.js";

/** A suite that breaks one or more validation rules; `issues` lists them all, the message too. */
export class SuiteValidationError extends ToolkitError {
  override name = "SuiteValidationError";
  readonly issues: readonly ValidationIssue[];
  constructor(fn: string, what: string, issues: readonly ValidationIssue[]) {
    // The message lists at most 50 problems (a generated suite can have thousands); `issues` has all.
    const shown = issues.slice(0, 50).map((i) => `  - ${i.message}`);
    if (issues.length > 50) shown.push(`  - ... and ${issues.length - 50} more (the error's \`issues\` lists them all)`);
    const lines = shown.join("\n");
    super(`${fn}: ${what} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines}`);
    this.issues = issues;
  }
}

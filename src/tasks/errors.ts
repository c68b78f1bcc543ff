import { ToolkitError } from "../core/errors.js";
import type { ValidationIssue } from "./validate-suite.js";

/** A suite that breaks one or more validation rules; `issues` lists them all, the message too. */
export class SuiteValidationError extends ToolkitError {
  override name = "SuiteValidationError";
  readonly issues: readonly ValidationIssue[];
  constructor(fn: string, what: string, issues: readonly ValidationIssue[]) {
    const lines = issues.map((i) => `  - ${i.message}`).join("\n");
    super(`${fn}: ${what} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines}`);
    this.issues = issues;
  }
}

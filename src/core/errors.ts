/**
 * The toolkit's one error type. Messages say which function, which parameter or file, what value,
 * and what would be valid; `cause` keeps the underlying error when there is one.
 */
export class ToolkitError extends Error {
  override name = "ToolkitError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A data file that cannot be used: missing, truncated, wrong columns or types. The message names the file. */
export class DataFileError extends ToolkitError {
  override name = "DataFileError";
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}

/** Build a ToolkitError that names the function: `error("fitLinear", "y has 3 values; X has 4 rows")`. */
export function error(fn: string, message: string, cause?: unknown): ToolkitError {
  return new ToolkitError(`${fn}: ${message}`, cause === undefined ? undefined : { cause });
}

/** Throw for a value of type `never`: the exhaustiveness check that ends every switch over a union. */
export function assertNever(value: never, where: string): never {
  throw new ToolkitError(`${where}: unexpected value ${JSON.stringify(value)}`);
}

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataFileError } from "../core/errors.js";
import { EVENT_SCHEMA_VERSION, type TeamEvent } from "./types.js";
import { assertFields, assertTeamEvent, isJsonObject } from "./schema.js";
import { describe } from "../core/columns.js";
import { RUN_START_V1_FIELDS, RUN_START_V2_FIELDS, upgradeRunStartV1, upgradeRunStartV2 } from "./upgrade.js";
import { eventTableFromRecords, type EventTable } from "./event-table.js";

/** What the reader knows of each run it has seen the `run_start` of. */
interface RunState {
  /** Subtracted from every `ts` of the run: the version-1 `run_start.ts`, 0 for current logs. */
  origin: number;
  /** Where its run_start is, for a duplicate's error message. */
  where: string;
}

/**
 * Parse JSONL text into validated events of the current schema, upgrading runs written in an older
 * version (`types.ts`, "Older logs"; `upgrade.ts`). Every line must be a JSON object that is an event of the union:
 * a known `type`, every field of that type present with the right kind of value, and no other field.
 * Every run starts with its `run_start`, once. Blank lines are skipped. One pass, linear in the text.
 * @throws DataFileError naming the file and the 1-based line of the first bad record, and what is wrong.
 * @example parseEventLines(readFileSync("events/run.jsonl", "utf8"), "events/run.jsonl")
 */
export function parseEventLines(text: string, file = "<jsonl>"): TeamEvent[] {
  const out: TeamEvent[] = [];
  parseInto(text, file, new Map(), out);
  return out;
}

function parseInto(text: string, file: string, runs: Map<string, RunState>, out: TeamEvent[]): void {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const fail = (problem: string, cause?: unknown): never => {
      throw new DataFileError(file, `line ${i + 1}: ${problem}`, cause === undefined ? undefined : { cause });
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const last = i === lines.length - 1;
      fail(`not valid JSON${last ? " (the file may be truncated: its last line has no newline)" : ""}: ${(e as Error).message}`, e);
    }
    if (!isJsonObject(value)) return fail(`expected a JSON object, got ${describe(value)}`);
    let event: TeamEvent;
    let origin = 0;
    if (value["type"] === "run_start" && value["schema_version"] === undefined) {
      assertFields("run_start", RUN_START_V1_FIELDS, value, fail);
      event = upgradeRunStartV1(value);
      origin = value.ts;
    } else if (value["type"] === "run_start" && value["schema_version"] === 2) {
      assertFields("run_start", RUN_START_V2_FIELDS, value, fail);
      event = upgradeRunStartV2(value);
    } else {
      assertTeamEvent(value, fail);
      event = value;
    }
    if (event.type === "run_start") {
      if (event.schema_version !== EVENT_SCHEMA_VERSION) {
        fail(`run_start has schema_version ${String(event.schema_version)}; this reader reads version ${EVENT_SCHEMA_VERSION}, 2, and 1 (whose run_start has no schema_version)`);
      }
      const seen = runs.get(event.run_dir);
      if (seen !== undefined) fail(`a second run_start of run ${JSON.stringify(event.run_dir)} (the first is at ${seen.where})`);
      runs.set(event.run_dir, { origin, where: `${file} line ${i + 1}` });
    } else {
      const run = runs.get(event.run_dir);
      if (run === undefined) {
        return fail(`${event.type} event of run ${JSON.stringify(event.run_dir)} before that run's run_start (every run's log starts with run_start)`);
      }
      // Version 1 wall-clock runs: Unix seconds to run-relative (exact: see types.ts).
      if (run.origin !== 0) event.ts = event.ts - run.origin;
    }
    out.push(event);
  }
}

/** The `*.jsonl` files of `path`: the file itself, or a directory's files sorted by name. */
function jsonlFiles(path: string): string[] {
  try {
    return statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.endsWith(".jsonl"))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch (e) {
    throw new DataFileError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
}

/**
 * Read and validate the events of a JSONL file, or of every `*.jsonl` file in a directory (sorted by
 * name, so the result does not depend on the order the directory lists them), as `parseEventLines`
 * does; a run's `run_start` must come before its other events, in the same or an earlier file.
 */
export function readEventsJsonl(path: string): TeamEvent[] {
  const runs = new Map<string, RunState>();
  const out: TeamEvent[] = [];
  for (const f of jsonlFiles(path)) {
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch (e) {
      throw new DataFileError(f, `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
    }
    parseInto(text, f, runs, out);
  }
  return out;
}

/** `readEventsJsonl` as an event table. */
export function loadEventsJsonl(path: string): EventTable {
  return eventTableFromRecords(readEventsJsonl(path));
}

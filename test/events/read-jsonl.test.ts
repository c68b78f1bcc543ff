import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseEventLines, readEventsJsonl } from "../../src/events/read-jsonl.js";
import { formatEventLog } from "../../src/events/jsonl.js";
import { EVENT_FIELDS } from "../../src/events/schema.js";
import { EVENT_SCHEMA_VERSION, TEAM_EVENT_TYPES, type TeamEvent } from "../../src/events/types.js";
import { DataFileError } from "../../src/core/errors.js";
import { runTeam } from "../../src/team/orchestrator.js";
import { createSimulatedBackend } from "../../src/llm/simulated-backend.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { runSuiteTests } from "../../src/tasks/runner.js";
import { GOLDEN_RUNS, goldenPath } from "./golden.js";

const F = "run.jsonl";
const START = '{"type":"run_start","ts":0,"run_dir":"r","schema_version":3,"clock":"virtual","simulated":true,"wall_start":null,"unsafe_no_sandbox":false}';
const REPLY = '{"type":"agent_reply","ts":2.5,"run_dir":"r","round":1,"agent":"Dev1","input_tokens":10,"output_tokens":3,"latency_s":2.5}';
const TYPES = TEAM_EVENT_TYPES.join(", ");
/** The text of a log whose second line is `line`. */
const withLine = (line: string): string => `${START}\n${line}\n`;
/** The same reply with one field replaced (or, with `undefined`, removed). */
const reply = (field: string, value: unknown): string => {
  const r: Record<string, unknown> = JSON.parse(REPLY);
  if (value === undefined) delete r[field];
  else r[field] = value;
  return JSON.stringify(r);
};
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/events-v1/${name}`, import.meta.url));

describe("parseEventLines: refusals name the file and the line", () => {
  it("refuses an unknown event type", () => {
    expect(() => parseEventLines(withLine(reply("type", "agent_replied")), F)).toThrow(
      `run.jsonl: line 2: unknown event type "agent_replied"; valid types: ${TYPES}`,
    );
  });

  it("refuses a record without a type, or with a type that is not a string", () => {
    expect(() => parseEventLines(withLine(reply("type", undefined)), F)).toThrow(`run.jsonl: line 2: the event has no field "type" (expected one of ${TYPES})`);
    expect(() => parseEventLines(withLine(reply("type", 7)), F)).toThrow(
      `run.jsonl: line 2: field "type" must be the name of an event type, got number 7; valid types: ${TYPES}`,
    );
  });

  it("refuses a missing required field, saying what it should hold", () => {
    expect(() => parseEventLines(withLine(reply("agent", undefined)), F)).toThrow('run.jsonl: line 2: agent_reply event has no field "agent" (expected a string)');
    expect(() => parseEventLines(withLine(reply("ts", undefined)), F)).toThrow('run.jsonl: line 2: agent_reply event has no field "ts" (expected a finite number)');
  });

  it("refuses a field of the wrong type", () => {
    expect(() => parseEventLines(withLine(reply("round", "one")), F)).toThrow(
      'run.jsonl: line 2: agent_reply field "round" must be an integer, got the string "one"',
    );
    expect(() => parseEventLines(withLine(reply("round", 1.5)), F)).toThrow('run.jsonl: line 2: agent_reply field "round" must be an integer, got number 1.5');
    expect(() => parseEventLines(withLine(reply("latency_s", null)), F)).toThrow('run.jsonl: line 2: agent_reply field "latency_s" must be a finite number, got null');
    expect(() =>
      parseEventLines(withLine('{"type":"claim_blocked","ts":1,"run_dir":"r","round":1,"agent":"Dev1","task":"t","reason":"busy"}'), F),
    ).toThrow(
      'run.jsonl: line 2: claim_blocked field "reason" must be one of "dependencies_pending", "already_claimed", "already_done", "unknown_task", "lost_tie", got the string "busy"',
    );
    expect(() => parseEventLines(withLine('{"type":"broadcast","ts":1,"run_dir":"r","round":1,"agent":"Dev1","to":["Dev2",3],"chars":4}'), F)).toThrow(
      'run.jsonl: line 2: broadcast field "to" must be an array of strings, got an array',
    );
    expect(() => parseEventLines(START.replace('"wall_start":null', '"wall_start":"noon"') + "\n", F)).toThrow(
      'run.jsonl: line 1: run_start field "wall_start" must be a finite number or null, got the string "noon"',
    );
  });

  it("refuses a field the event type does not have", () => {
    expect(() => parseEventLines(withLine(reply("retruncode", 0)), F)).toThrow(
      'run.jsonl: line 2: agent_reply event has an unknown field "retruncode"; its fields are type, ts, run_dir, round, agent, input_tokens, output_tokens, latency_s',
    );
  });

  it("accepts an optional field absent or present, and refuses it ill-typed", () => {
    const end = '{"type":"run_end","ts":3,"run_dir":"r","round":1,"success":false,"reason":"error"';
    expect(parseEventLines(withLine(end + "}"), F)).toHaveLength(2);
    expect(parseEventLines(withLine(end + ',"detail":"x"}'), F)[1]).toMatchObject({ detail: "x" });
    expect(() => parseEventLines(withLine(end + ',"detail":5}'), F)).toThrow('run.jsonl: line 2: run_end field "detail" must be a string, or absent, got number 5');
  });

  it("refuses bad JSON, and says when the last line looks truncated", () => {
    expect(() => parseEventLines(`${START}\n{"type": run_start}\n${REPLY}\n`, F)).toThrow(/^run\.jsonl: line 2: not valid JSON: /);
    expect(() => parseEventLines(`${START}\n{"type":"agent_re`, F)).toThrow(
      /^run\.jsonl: line 2: not valid JSON \(the file may be truncated: its last line has no newline\): /,
    );
  });

  it("refuses a line that is JSON but not an object", () => {
    expect(() => parseEventLines(withLine("[1, 2]"), F)).toThrow("run.jsonl: line 2: expected a JSON object, got an array");
    expect(() => parseEventLines(withLine('"run_start"'), F)).toThrow('run.jsonl: line 2: expected a JSON object, got the string "run_start"');
  });

  it("counts lines from 1, blank lines included", () => {
    expect(() => parseEventLines(`${START}\n\n${REPLY}\n\n${reply("round", -0.5)}\n`, F)).toThrow('run.jsonl: line 5: agent_reply field "round" must be an integer');
  });

  it("refuses an event before its run's run_start, and a second run_start of a run", () => {
    expect(() => parseEventLines(`${REPLY}\n${START}\n`, F)).toThrow(
      'run.jsonl: line 1: agent_reply event of run "r" before that run\'s run_start (every run\'s log starts with run_start)',
    );
    expect(() => parseEventLines(`${START}\n${REPLY}\n${START}\n`, F)).toThrow('run.jsonl: line 3: a second run_start of run "r" (the first is at run.jsonl line 1)');
  });

  it("refuses a schema version it does not know", () => {
    expect(() => parseEventLines(START.replace('"schema_version":3', '"schema_version":4') + "\n", F)).toThrow(
      `run.jsonl: line 1: run_start has schema_version 4; this reader reads version ${EVENT_SCHEMA_VERSION}, 2, and 1 (whose run_start has no schema_version)`,
    );
  });

  it("refuses a version-3 run_start without unsafe_no_sandbox, and a version-2 one with it", () => {
    expect(() => parseEventLines(START.replace(',"unsafe_no_sandbox":false', "") + "\n", F)).toThrow(
      'run.jsonl: line 1: run_start event has no field "unsafe_no_sandbox" (expected true or false)',
    );
    expect(() => parseEventLines(START.replace('"schema_version":3', '"schema_version":2') + "\n", F)).toThrow(
      'run.jsonl: line 1: run_start event has an unknown field "unsafe_no_sandbox"; its fields are type, ts, run_dir, schema_version, clock, simulated, wall_start',
    );
  });

  it("throws a DataFileError that names the file", () => {
    try {
      parseEventLines(withLine(reply("type", "nope")), F);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataFileError);
      expect((e as DataFileError).file).toBe(F);
    }
  });
});

describe("the schema table", () => {
  it("has one entry per event type", () => {
    expect(Object.keys(EVENT_FIELDS).sort()).toEqual([...TEAM_EVENT_TYPES].sort());
  });
});

describe("the golden event logs pass the validating reader", () => {
  for (const g of GOLDEN_RUNS) {
    it(`${g.file}: every line is a valid event, and writing them back gives the same bytes`, () => {
      const text = readFileSync(goldenPath(g.file), "utf8");
      const events = parseEventLines(text, g.file);
      expect(events).toHaveLength(text.split("\n").length - 1);
      expect(events[0]).toMatchObject({ type: "run_start", ts: 0, schema_version: EVENT_SCHEMA_VERSION, clock: "virtual", wall_start: null });
      expect(formatEventLog(events)).toBe(text);
    });
  }
});

describe("logs written in schema version 1 (test/fixtures/events-v1, see its README)", () => {
  const lines = (name: string): Record<string, unknown>[] =>
    readFileSync(fixture(name), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));

  it("virtual clock: run_start gains the current schema_version, wall_start null and unsafe_no_sandbox false; every other event is unchanged", () => {
    const v1 = lines("virtual.jsonl");
    const events = readEventsJsonl(fixture("virtual.jsonl"));
    expect(events[0]).toEqual({ type: "run_start", ts: 0, run_dir: "v1_virtual", schema_version: 3, clock: "virtual", simulated: true, wall_start: null, unsafe_no_sandbox: false });
    expect(events.slice(1)).toEqual(v1.slice(1));
  });

  it("wall clock: ts become run-relative, exactly, and the Unix start moves to wall_start", () => {
    const v1 = lines("wall.jsonl");
    const start = v1[0]!["ts"] as number;
    // the injected clock's first reading: 1772478318.3994482 + 0.3 (README of the fixtures)
    expect(start).toBe(1772478318.699448);
    const events = readEventsJsonl(fixture("wall.jsonl"));
    expect(events[0]).toEqual({ type: "run_start", ts: 0, run_dir: "v1_wall", schema_version: 3, clock: "wall", simulated: false, wall_start: start, unsafe_no_sandbox: false });
    expect(events.map((e) => e.ts)).toEqual(v1.map((e) => (e["ts"] as number) - start));
    // Differences of ts (what every metric uses) are bit-identical to the Unix-second ones.
    const roundStart = new Map<number, [number, number]>();
    events.forEach((e, i) => {
      if (e.type === "round_start") roundStart.set(e.round, [e.ts, v1[i]!["ts"] as number]);
    });
    let replies = 0;
    events.forEach((e, i) => {
      if (e.type !== "agent_reply") return;
      const [rel, unix] = roundStart.get(e.round)!;
      expect(e.ts - rel).toBe((v1[i]!["ts"] as number) - unix);
      replies++;
    });
    expect(replies).toBe(6); // 2 agents x 3 rounds
  });

  it("wall clock: the upgraded version-1 log equals the log the current runtime writes for the same run", async () => {
    // The run of the fixture's README, on the same injected clock.
    let clock = 1772478318.3994482;
    const r = await runTeam(
      { runId: "v1_wall", suite: getSuite("svgutils_p05"), mode: "decentralized", teammates: 2, maxRounds: 3, seed: 11 },
      { backend: { ...createSimulatedBackend("balanced"), clock: "wall", simulated: false }, testRunner: { run: runSuiteTests }, now: () => (clock += 0.3) },
    );
    const upgraded: TeamEvent[] = readEventsJsonl(fixture("wall.jsonl"));
    expect(formatEventLog(upgraded)).toBe(formatEventLog(r.events));
  });
});

describe("logs written in schema version 2", () => {
  it("run_start gains the current schema_version and unsafe_no_sandbox false; its times and every other event are unchanged", () => {
    const v2 = '{"type":"run_start","ts":0,"run_dir":"r","schema_version":2,"clock":"wall","simulated":false,"wall_start":1772478318.699448}';
    const events = parseEventLines(`${v2}\n${REPLY}\n`, F);
    expect(events[0]).toEqual({ type: "run_start", ts: 0, run_dir: "r", schema_version: EVENT_SCHEMA_VERSION, clock: "wall", simulated: false, wall_start: 1772478318.699448, unsafe_no_sandbox: false });
    expect(events[1]).toEqual(JSON.parse(REPLY));
  });

  it("the runtime writes unsafe_no_sandbox as given to runTeam (false by default)", async () => {
    const run = (unsafeNoSandbox?: boolean): Promise<TeamEvent[]> =>
      runTeam(
        { runId: "u", suite: getSuite("svgutils_p05"), mode: "decentralized", teammates: 1, maxRounds: 1, seed: 1 },
        { backend: createSimulatedBackend("balanced"), testRunner: { run: runSuiteTests }, ...(unsafeNoSandbox === undefined ? {} : { unsafeNoSandbox }) },
      ).then((r) => r.events);
    expect((await run())[0]).toMatchObject({ type: "run_start", schema_version: 3, unsafe_no_sandbox: false });
    expect((await run(true))[0]).toMatchObject({ type: "run_start", schema_version: 3, unsafe_no_sandbox: true });
  });
});

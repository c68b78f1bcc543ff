import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensurePaperData, PAPER_DATA, paperFileUrl } from "../../src/report/paper-data.js";
import { HAVE_PAPER_DATA, PAPER_EVENTS, PAPER_RUNS } from "../helpers/paper.js";

const fresh = (): string => mkdtempSync(join(tmpdir(), "paperdata-"));

/** A fetch that serves the given bytes per URL, and records what was asked. */
function fakeFetch(files: Record<string, Uint8Array | number>): { fetch: typeof fetch; asked: string[] } {
  const asked: string[] = [];
  const f = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const body = files[url];
    if (body === undefined) return new Response("not found", { status: 404, statusText: "Not Found" });
    if (typeof body === "number") return new Response("", { status: body, statusText: "Server Error" });
    return new Response(body, { status: 200 });
  }) as typeof fetch;
  return { fetch: f, asked };
}

describe("ensurePaperData", () => {
  it("fails with a message naming the file, the checksum and what to do when no source works", async () => {
    const dir = fresh();
    const shared = fresh();
    writeFileSync(join(shared, "runs.parquet"), "not the real file");
    const { fetch } = fakeFetch({ [paperFileUrl("runs.parquet")]: 500 });
    const err = await ensurePaperData({ dir, sharedDir: shared, fetch }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain(`ensurePaperData: could not get runs.parquet with sha256 ${PAPER_DATA.files["runs.parquet"]}`);
    expect(msg).toContain(`${join(shared, "runs.parquet")} has sha256 `);
    expect(msg).toContain("HTTP 500 Server Error");
    expect(msg).toContain(`Put the file at ${join(dir, "runs.parquet")} by hand`);
    expect(existsSync(join(dir, "runs.parquet"))).toBe(false);
  });

  it("refuses a download whose checksum is wrong and leaves nothing behind", async () => {
    const dir = fresh();
    const { fetch } = fakeFetch({ [paperFileUrl("runs.parquet")]: new Uint8Array([1, 2, 3]) });
    await expect(ensurePaperData({ dir, sharedDir: fresh(), fetch })).rejects.toThrow(
      /downloaded file has sha256 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81, expected 9ed3ba79/,
    );
    expect(existsSync(join(dir, "runs.parquet"))).toBe(false);
    expect(existsSync(join(dir, "runs.parquet.part"))).toBe(false);
  });

  it("with downloading off, says so", async () => {
    await expect(ensurePaperData({ dir: fresh(), sharedDir: fresh(), download: false })).rejects.toThrow(
      /no local copy at .*runs\.parquet; downloading was turned off/,
    );
  });

  it.skipIf(!HAVE_PAPER_DATA)("copies from the shared folder, then keeps what is there, then downloads", async () => {
    const shared = fresh();
    writeFileSync(join(shared, "runs.parquet"), readFileSync(PAPER_RUNS));
    writeFileSync(join(shared, "events.parquet"), readFileSync(PAPER_EVENTS));
    const dir = fresh();
    expect(await ensurePaperData({ dir, sharedDir: shared, download: false })).toEqual({
      "runs.parquet": "copied",
      "events.parquet": "copied",
    });
    expect(await ensurePaperData({ dir, sharedDir: shared, download: false })).toEqual({
      "runs.parquet": "present",
      "events.parquet": "present",
    });
    // A corrupted local file is replaced by a download with the right checksum.
    writeFileSync(join(dir, "events.parquet"), "corrupted");
    const { fetch, asked } = fakeFetch({
      [paperFileUrl("events.parquet")]: new Uint8Array(readFileSync(PAPER_EVENTS)),
    });
    const empty = fresh();
    mkdirSync(join(empty, "x"));
    expect(await ensurePaperData({ dir, sharedDir: empty, fetch })).toEqual({
      "runs.parquet": "present",
      "events.parquet": "downloaded",
    });
    expect(asked).toEqual([
      `https://raw.githubusercontent.com/emieczkowski/distributed-llm-teams/9c87cb15e72929daf6cbade932fb0263428bc969/data/events.parquet`,
    ]);
  });
});

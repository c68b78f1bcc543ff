import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ToolkitError } from "../core/errors.js";

/**
 * The paper's published data: "Language Model Teams as Distributed Systems" (arXiv 2603.12229),
 * github.com/emieczkowski/distributed-llm-teams at a fixed commit, folder `data/`, MIT licence.
 */
export const PAPER_DATA = {
  repository: "emieczkowski/distributed-llm-teams",
  commit: "9c87cb15e72929daf6cbade932fb0263428bc969",
  files: {
    "runs.parquet": "9ed3ba794b91e97c22f2094671c7730e933d2a11750d7a545c3b239ce47c2d1c",
    "events.parquet": "c8ad7383f9b0991866f4e896fcf6606f8617462c8729c447fdb297f1eb0f5d62",
  },
} as const;

export type PaperFile = keyof typeof PAPER_DATA.files;

/** Where the project keeps the paper's data by default (git-ignored). */
export const DEFAULT_PAPER_DIR = "data/paper";

/** What to tell a user whose paper data is missing. */
export const PAPER_DATA_HINT = "Run `npm run data:paper` to fetch the paper's published data into data/paper/.";

export function paperFileUrl(file: PaperFile): string {
  return `https://raw.githubusercontent.com/${PAPER_DATA.repository}/${PAPER_DATA.commit}/data/${file}`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** True when both parquet files are in `dir` (their checksums are checked by `ensurePaperData`). */
export function paperDataPresent(dir: string = DEFAULT_PAPER_DIR): boolean {
  return Object.keys(PAPER_DATA.files).every((f) => existsSync(join(dir, f)));
}

export interface EnsurePaperDataOptions {
  /** Target folder. @default "data/paper" */
  dir?: string;
  /** A local copy to take the files from first. @default "../shared/paper-data" */
  sharedDir?: string;
  /** Download from the public repository when no local copy is there. @default true */
  download?: boolean;
  /** Injected for tests. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Progress lines. @default no output */
  log?: (line: string) => void;
}

/** Where each file came from. */
export type PaperDataSource = "present" | "copied" | "downloaded";

/**
 * Put `runs.parquet` and `events.parquet` into `dir`: keep a file already there when its sha256 is right,
 * otherwise copy it from `sharedDir`, otherwise download it from the paper's repository at the pinned
 * commit. Every file's sha256 is checked against the published value whatever its source; a file with a
 * wrong checksum is never left in `dir`.
 * @throws ToolkitError naming the file and what to do when no source gives a file with the right checksum.
 */
export async function ensurePaperData(options: EnsurePaperDataOptions = {}): Promise<Record<PaperFile, PaperDataSource>> {
  const dir = options.dir ?? DEFAULT_PAPER_DIR;
  const sharedDir = options.sharedDir ?? "../shared/paper-data";
  const download = options.download ?? true;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const log = options.log ?? (() => undefined);
  mkdirSync(dir, { recursive: true });
  const result = {} as Record<PaperFile, PaperDataSource>;
  for (const [file, expected] of Object.entries(PAPER_DATA.files) as [PaperFile, string][]) {
    const target = join(dir, file);
    const problems: string[] = [];
    if (existsSync(target)) {
      const got = sha256(readFileSync(target));
      if (got === expected) {
        result[file] = "present";
        log(`${file}: already present, sha256 ok`);
        continue;
      }
      problems.push(`${target} had sha256 ${got}`);
      rmSync(target);
    }
    const shared = join(sharedDir, file);
    if (existsSync(shared)) {
      const got = sha256(readFileSync(shared));
      if (got === expected) {
        copyFileSync(shared, target);
        chmodSync(target, 0o644);
        result[file] = "copied";
        log(`${file}: copied from ${resolve(shared)}, sha256 ok`);
        continue;
      }
      problems.push(`${shared} has sha256 ${got}, expected ${expected}`);
    } else {
      problems.push(`no local copy at ${shared}`);
    }
    if (download) {
      const url = paperFileUrl(file);
      log(`${file}: downloading ${url}`);
      try {
        const res = await fetchFn(url);
        if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        const got = sha256(bytes);
        if (got !== expected) throw new Error(`downloaded file has sha256 ${got}, expected ${expected}`);
        const tmp = `${target}.part`;
        writeFileSync(tmp, bytes);
        renameSync(tmp, target);
        result[file] = "downloaded";
        log(`${file}: downloaded, sha256 ok`);
        continue;
      } catch (e) {
        problems.push(`download from ${url} failed: ${(e as Error).message}`);
      }
    } else {
      problems.push("downloading was turned off");
    }
    throw new ToolkitError(
      `ensurePaperData: could not get ${file} with sha256 ${expected}: ${problems.join("; ")}. ` +
        `Put the file at ${target} by hand (from ${PAPER_DATA.repository} at commit ${PAPER_DATA.commit}, folder data/), ` +
        `or run again where ../shared/paper-data/ exists or the network reaches GitHub.`,
    );
  }
  return result;
}

import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { error } from "../core/errors.js";
import type { DisplayChannel, DisplayHandle, MimeBundle } from "./types.js";

/**
 * Sending MIME bundles from a tslab kernel.
 *
 * tslab's public API (`tslab.display.png(...)`, `.html(...)`, `.raw(mime, data)`) sends one MIME type per
 * `display_data` message, so a figure would become two outputs (an interactive one and an image) shown one
 * under the other. Underneath, that API calls the kernel's writer `lastWriteDisplayData(content, update)`
 * in tslab/dist/jupyter.js, whose `content` is the whole message body `{ data, metadata, transient }`:
 * `data` may hold any number of MIME types. The writer is reassigned for every executed cell; it is read
 * at each call here, so output goes to the cell that is running.
 *
 * The writer is internal to tslab (checked with tslab 1.0.22). When it cannot be found, `notebookChannel`
 * falls back to the public API and sends the richest static type of each bundle alone.
 */

/** The message body tslab's writer sends on iopub as `display_data` / `update_display_data`. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** tslab's internal display writer. */
export type DisplayWriter = (message: DisplayMessage, update: boolean) => void;

/** Node's module cache (`require.cache`), or a stand-in in tests. */
export type ModuleCache = Readonly<Record<string, { exports?: unknown } | undefined>>;

const JUPYTER_MODULE = `${sep}tslab${sep}dist${sep}jupyter.js`;

/**
 * The loaded tslab/dist/jupyter.js module in `cache` (the kernel's own instance: the kernel process loaded
 * it at start), or null when no tslab kernel module is loaded.
 */
export function findTslabJupyterModule(cache: ModuleCache): { lastWriteDisplayData?: unknown } | null {
  for (const [path, mod] of Object.entries(cache)) {
    if (!path.endsWith(JUPYTER_MODULE) || !mod) continue;
    const exp = mod.exports;
    if (typeof exp === "object" && exp !== null && "lastWriteDisplayData" in exp) return exp as { lastWriteDisplayData?: unknown };
  }
  return null;
}

/** Node's module cache. `createRequire(...).cache` is the one process-wide cache whatever the base path. */
export function nodeModuleCache(): ModuleCache {
  return createRequire(join(process.cwd(), "__resolve__.js")).cache as ModuleCache;
}

/** Options of `tslabChannel`. */
export interface TslabChannelOptions {
  /** @default Node's module cache */
  cache?: ModuleCache;
  /** Display ids for updatable outputs. @default crypto.randomUUID */
  newId?: () => string;
}

/**
 * A channel that sends whole MIME bundles through tslab's kernel writer (one output per bundle).
 * @throws ToolkitError at `show` when no tslab kernel is running this process or no cell is executing.
 */
export function tslabChannel(options: TslabChannelOptions = {}): DisplayChannel {
  const cache = options.cache ?? nodeModuleCache();
  const newId = options.newId ?? randomUUID;
  const writer = (): DisplayWriter => {
    const mod = findTslabJupyterModule(cache);
    const w = mod?.lastWriteDisplayData;
    if (typeof w !== "function") {
      throw error(
        "tslabChannel",
        mod
          ? "tslab's kernel writer is not set: no cell is executing"
          : "no tslab kernel in this process (tslab/dist/jupyter.js is not loaded); use consoleChannel() outside notebooks",
      );
    }
    return w as DisplayWriter;
  };
  const send = (bundle: MimeBundle, id: string | undefined, update: boolean): void => {
    writer()({ data: bundle.data, metadata: bundle.metadata, transient: id === undefined ? {} : { display_id: id } }, update);
  };
  return {
    show: (bundle) => send(bundle, undefined, false),
    showUpdatable: (bundle) => {
      const id = newId();
      send(bundle, id, false);
      return { update: (b) => send(b, id, true) } satisfies DisplayHandle;
    },
  };
}

/** MIME types a one-type-per-message front end gets, best first (static forms only). */
export const SINGLE_MIME_ORDER = ["image/png", "text/html", "text/markdown", "text/plain"] as const;

/** The type `SINGLE_MIME_ORDER` picks from a bundle, or null if it has none of them. */
export function preferredSingleMime(bundle: MimeBundle): (typeof SINGLE_MIME_ORDER)[number] | null {
  return SINGLE_MIME_ORDER.find((m) => typeof bundle.data[m] === "string") ?? null;
}

/** The part of tslab's public API used by the fallback channel. */
export interface TslabPublicApi {
  display: { raw(mime: string, data: string): unknown };
  newDisplay(): { raw(mime: string, data: string): unknown };
}

/** A channel over tslab's public API: one MIME type per output, the first of `SINGLE_MIME_ORDER` present. */
export function singleMimeChannel(api: TslabPublicApi): DisplayChannel {
  const pick = (bundle: MimeBundle): [string, string] => {
    const mime = preferredSingleMime(bundle);
    if (!mime) throw error("singleMimeChannel", `no static type to send among [${Object.keys(bundle.data).join(", ")}]`);
    return [mime, bundle.data[mime] as string];
  };
  return {
    show: (bundle) => void api.display.raw(...pick(bundle)),
    showUpdatable: (bundle) => {
      const d = api.newDisplay();
      d.raw(...pick(bundle));
      return { update: (b) => void d.raw(...pick(b)) };
    },
  };
}

/** A channel for plain Node (scripts, tests): prints each bundle's `text/plain`, updates as new lines. */
export function consoleChannel(write: (line: string) => void = (l) => console.log(l)): DisplayChannel {
  const text = (b: MimeBundle): string => {
    const t = b.data["text/plain"];
    return typeof t === "string" ? t : `<${Object.keys(b.data).join(", ")}>`;
  };
  return {
    show: (b) => write(text(b)),
    showUpdatable: (b) => {
      write(text(b));
      return { update: (u) => write(text(u)) };
    },
  };
}

/**
 * The channel for the current process: `tslabChannel` when tslab's kernel writer is there (whole bundles),
 * else `singleMimeChannel` over tslab's public API when inside a kernel, else `consoleChannel`.
 */
export function notebookChannel(cache: ModuleCache = nodeModuleCache()): DisplayChannel {
  const mod = findTslabJupyterModule(cache);
  if (mod && typeof mod.lastWriteDisplayData === "function") return tslabChannel({ cache });
  const api = loadTslabPublicApi();
  if (api && isKernelProcess(cache)) return singleMimeChannel(api);
  return consoleChannel();
}

function isKernelProcess(cache: ModuleCache): boolean {
  return Object.keys(cache).some((p) => p.endsWith(`${sep}tslab${sep}dist${sep}executor.js`));
}

function loadTslabPublicApi(): TslabPublicApi | null {
  try {
    return createRequire(join(process.cwd(), "__resolve__.js"))("tslab") as TslabPublicApi;
  } catch {
    return null;
  }
}

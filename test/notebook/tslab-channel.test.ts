import { sep } from "node:path";
import { describe, expect, it } from "vitest";
import {
  consoleChannel,
  findTslabJupyterModule,
  notebookChannel,
  preferredSingleMime,
  singleMimeChannel,
  tslabChannel,
  type DisplayMessage,
  type ModuleCache,
} from "../../src/notebook/tslab-channel.js";
import type { MimeBundle } from "../../src/notebook/types.js";

const JUPYTER = ["", "x", "node_modules", "tslab", "dist", "jupyter.js"].join(sep);
const bundle: MimeBundle = {
  data: { "application/vnd.plotly.v1+json": { data: [] }, "image/png": "iVBOR", "text/plain": "<Figure: f>" },
  metadata: { "image/png": { width: 4, height: 3 } },
};

/** A module cache holding a stand-in for tslab's jupyter.js, whose writer records messages. */
function fakeKernel(): { cache: ModuleCache; sent: [DisplayMessage, boolean][]; exports: { lastWriteDisplayData: unknown } } {
  const sent: [DisplayMessage, boolean][] = [];
  const exports = { lastWriteDisplayData: ((m: DisplayMessage, u: boolean) => void sent.push([m, u])) as unknown };
  return { cache: { "/other/module.js": { exports: {} }, [JUPYTER]: { exports } }, sent, exports };
}

describe("tslabChannel", () => {
  it("finds the kernel's jupyter module in the module cache", () => {
    const k = fakeKernel();
    expect(findTslabJupyterModule(k.cache)).toBe(k.exports);
    expect(findTslabJupyterModule({ "/a/b.js": { exports: {} } })).toBeNull();
  });

  it("sends a whole bundle as one display_data message", () => {
    const k = fakeKernel();
    tslabChannel({ cache: k.cache }).show(bundle);
    expect(k.sent).toEqual([[{ data: bundle.data, metadata: bundle.metadata, transient: {} }, false]]);
  });

  it("gives an updatable output a display id and sends updates as update_display_data", () => {
    const k = fakeKernel();
    const h = tslabChannel({ cache: k.cache, newId: () => "id-1" }).showUpdatable({ data: { "text/plain": "a" }, metadata: {} });
    h.update({ data: { "text/plain": "b" }, metadata: {} });
    expect(k.sent).toEqual([
      [{ data: { "text/plain": "a" }, metadata: {}, transient: { display_id: "id-1" } }, false],
      [{ data: { "text/plain": "b" }, metadata: {}, transient: { display_id: "id-1" } }, true],
    ]);
  });

  it("reads the writer at each call: tslab replaces it for every executed cell", () => {
    const k = fakeKernel();
    const ch = tslabChannel({ cache: k.cache });
    const later: unknown[] = [];
    k.exports.lastWriteDisplayData = (m: DisplayMessage) => void later.push(m);
    ch.show(bundle);
    expect(k.sent).toEqual([]);
    expect(later).toHaveLength(1);
  });

  it("says why it cannot send outside a running cell or a kernel", () => {
    const k = fakeKernel();
    k.exports.lastWriteDisplayData = null;
    expect(() => tslabChannel({ cache: k.cache }).show(bundle)).toThrow("tslabChannel: tslab's kernel writer is not set: no cell is executing");
    expect(() => tslabChannel({ cache: {} }).show(bundle)).toThrow(
      "tslabChannel: no tslab kernel in this process (tslab/dist/jupyter.js is not loaded); use consoleChannel() outside notebooks",
    );
  });
});

describe("fallback channels", () => {
  it("picks the PNG, else HTML, markdown or text, for one-type-per-message front ends", () => {
    expect(preferredSingleMime(bundle)).toBe("image/png");
    expect(preferredSingleMime({ data: { "text/html": "<b>", "text/plain": "b" }, metadata: {} })).toBe("text/html");
    expect(preferredSingleMime({ data: { "application/json": {} }, metadata: {} })).toBeNull();
  });

  it("sends one type per output over tslab's public API", () => {
    const calls: string[] = [];
    const api = {
      display: { raw: (m: string, d: string) => calls.push(`show ${m} ${d}`) },
      newDisplay: () => ({ raw: (m: string, d: string) => calls.push(`display ${m} ${d}`) }),
    };
    const ch = singleMimeChannel(api);
    ch.show(bundle);
    ch.showUpdatable({ data: { "text/plain": "a" }, metadata: {} }).update({ data: { "text/plain": "b" }, metadata: {} });
    expect(calls).toEqual(["show image/png iVBOR", "display text/plain a", "display text/plain b"]);
    expect(() => ch.show({ data: { "application/json": {} }, metadata: {} })).toThrow(
      "singleMimeChannel: no static type to send among [application/json]",
    );
  });

  it("prints text/plain on the console", () => {
    const lines: string[] = [];
    const ch = consoleChannel((l) => lines.push(l));
    ch.show(bundle);
    ch.showUpdatable({ data: { "text/plain": "… step" }, metadata: {} }).update({ data: { "text/plain": "✓ step" }, metadata: {} });
    ch.show({ data: { "image/png": "x" }, metadata: {} });
    expect(lines).toEqual(["<Figure: f>", "… step", "✓ step", "<image/png>"]);
  });

  it("uses the kernel writer when it is there", () => {
    const k = fakeKernel();
    notebookChannel(k.cache).show(bundle);
    expect(k.sent).toHaveLength(1);
  });
});

import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { PLOTLY_MIME } from "../../src/notebook/figure-bundle.js";
import { NotebookSession, openNotebook, type ImageRenderer } from "../../src/notebook/notebook-session.js";
import { FigureRenderer } from "../../src/plots/render.js";
import type { FigureSpec, NamedFigure } from "../../src/plots/types.js";
import { makePng, recordingChannel } from "./helpers.js";

const spec = (title: string): FigureSpec => ({ data: [{ type: "bar", y: [1, 2] }], layout: { title: { text: title } }, width: 4, height: 2 });

/** A renderer that draws a grey 2x image of the spec's size and counts launches, images and closes. */
function fakeRenderer(options: { failLaunch?: boolean; addSigint?: boolean } = {}) {
  const counts = { launches: 0, images: 0, closes: 0 };
  const launch = async (): Promise<ImageRenderer> => {
    counts.launches++;
    if (options.addSigint) process.on("SIGINT", sigintLikePlaywright);
    if (options.failLaunch) throw new Error("no Chromium at /usr/bin/chromium");
    return {
      image: async (s) => {
        counts.images++;
        return makePng(2 * (s.width ?? 1100), 2 * (s.height ?? 420), () => [128, 128, 128, 255]);
      },
      close: async () => void counts.closes++,
    };
  };
  return { counts, launch };
}
function sigintLikePlaywright(): void {}

/** A clock that moves 0.5 s each time it is read. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 0.5);
}

describe("NotebookSession figures", () => {
  it("starts the renderer at the first figure only, once, and shows a 1x PNG with the plotly JSON", async () => {
    const { channel, sent, texts } = recordingChannel();
    const r = fakeRenderer();
    const nb = new NotebookSession({ channel, launchRenderer: r.launch, clock: steppingClock() });
    nb.text("no figure yet");
    expect(r.counts.launches).toBe(0);
    await nb.figure(spec("A"));
    await nb.figure({ name: "b", csvName: "b.csv", csv: { columns: [], rows: [] }, spec: spec("B") } satisfies NamedFigure);
    expect(r.counts.launches).toBe(1);
    expect(texts()).toEqual([
      "no figure yet",
      "… Starting headless Chromium for the static images",
      "✓ Starting headless Chromium for the static images (0.5 s)",
      "<Figure: A>",
      "<Figure: B>",
    ]);
    const fig = sent[3]!.bundle;
    expect(Object.keys(fig.data)).toEqual([PLOTLY_MIME, "image/png", "text/plain"]);
    const png = PNG.sync.read(Buffer.from(fig.data["image/png"] as string, "base64"));
    expect([png.width, png.height]).toEqual([4, 2]);
    expect(fig.metadata).toEqual({ "image/png": { width: 4, height: 2 } });
  });

  it("keeps the 2x image with pngScale 2 and leaves plotly out in static mode", async () => {
    const { channel, sent } = recordingChannel();
    const nb = new NotebookSession({ channel, launchRenderer: fakeRenderer().launch, pngScale: 2, figureMode: "static" });
    await nb.figure(spec("A"));
    const fig = sent.at(-1)!.bundle;
    expect(Object.keys(fig.data)).toEqual(["image/png", "text/plain"]);
    const png = PNG.sync.read(Buffer.from(fig.data["image/png"] as string, "base64"));
    expect([png.width, png.height]).toEqual([8, 4]);
    expect(fig.metadata).toEqual({ "image/png": { width: 4, height: 2 } });
  });

  it("renders ahead with one progress line, and then shows from the cache", async () => {
    const { channel, sent } = recordingChannel();
    const r = fakeRenderer();
    const nb = new NotebookSession({ channel, launchRenderer: r.launch, clock: steppingClock() });
    const figs = [spec("A"), spec("B")];
    await nb.renderFigures(figs);
    expect(sent.map((s) => `${s.kind} ${s.kind === "show" ? "" : s.id} ${String(s.bundle.data["text/plain"])}`)).toEqual([
      "open 1 … Starting headless Chromium for the static images",
      "update 1 ✓ Starting headless Chromium for the static images (0.5 s)",
      "open 2 … Rendering static images: [--------------------] 0/2",
      // The clock moves 0.5 s per read, more than the 0.25 s between updates: every state is sent.
      "update 2 … Rendering static images: [##########----------] 1/2 A (1.0 s)",
      "update 2 ✓ Rendering static images: [####################] 2/2 B (2.0 s)",
    ]);
    await nb.figure(figs[0]!);
    await nb.figure(figs[1]!);
    expect(r.counts.images).toBe(2);
  });

  it("sends at most one progress update per progressSeconds, and always the final state", async () => {
    const { channel, sent } = recordingChannel();
    let now = 0;
    const nb = new NotebookSession({ channel, launchRenderer: fakeRenderer().launch, clock: () => now, progressSeconds: 0.25 });
    await nb.renderFigures([spec("A")]); // starts the renderer: its own line
    sent.length = 0;
    // Five figures rendered within the same instant: no update between the opening and the final state.
    await nb.renderFigures(["B", "C", "D", "E", "F"].map(spec));
    expect(sent.map((s) => `${s.kind} ${String(s.bundle.data["text/plain"])}`)).toEqual([
      "open … Rendering static images: [--------------------] 0/5",
      "update ✓ Rendering static images: [####################] 5/5 F (0.0 s)",
    ]);
  });

  it("reports a failed start, and tries again at the next figure", async () => {
    const { channel, texts } = recordingChannel();
    const r = fakeRenderer({ failLaunch: true });
    const nb = new NotebookSession({ channel, launchRenderer: r.launch, clock: steppingClock() });
    await expect(nb.figure(spec("A"))).rejects.toThrow("no Chromium at /usr/bin/chromium");
    expect(texts().at(-1)).toBe("✗ Starting headless Chromium for the static images: no Chromium at /usr/bin/chromium (0.5 s)");
    await expect(nb.figure(spec("A"))).rejects.toThrow("no Chromium");
    expect(r.counts.launches).toBe(2);
  });

  it("removes the SIGINT handler the browser launch installs, so Jupyter's interrupt does not kill the kernel", async () => {
    const before = process.listeners("SIGINT").length;
    const nb = new NotebookSession({ channel: recordingChannel().channel, launchRenderer: fakeRenderer({ addSigint: true }).launch });
    await nb.figure(spec("A"));
    expect(process.listeners("SIGINT")).not.toContain(sigintLikePlaywright);
    expect(process.listeners("SIGINT").length).toBe(before);
  });

  it("closes the renderer once and refuses figures after close", async () => {
    const r = fakeRenderer();
    const nb = new NotebookSession({ channel: recordingChannel().channel, launchRenderer: r.launch });
    await nb.close(); // never started: nothing to close
    expect(r.counts.closes).toBe(0);
    const nb2 = new NotebookSession({ channel: recordingChannel().channel, launchRenderer: r.launch });
    await nb2.figure(spec("A"));
    await nb2.close();
    await nb2.close();
    expect(r.counts.closes).toBe(1);
    await expect(nb2.figure(spec("B"))).rejects.toThrow("NotebookSession.figure: the session was closed; open a new one with openNotebook()");
  });

  it("closes the previous session's renderer when a new session opens", async () => {
    const r = fakeRenderer();
    const first = openNotebook({ channel: recordingChannel().channel, launchRenderer: r.launch });
    await first.figure(spec("A"));
    openNotebook({ channel: recordingChannel().channel, launchRenderer: r.launch });
    await new Promise((res) => setTimeout(res, 0));
    expect(r.counts.closes).toBe(1);
  });

  it("refuses bad options", () => {
    expect(() => new NotebookSession({ channel: recordingChannel().channel, pngScale: 3 as never })).toThrow("openNotebook: pngScale must be 1 or 2; got 3");
    expect(() => new NotebookSession({ channel: recordingChannel().channel, figureMode: "html" as never })).toThrow(
      'openNotebook: figureMode must be "plotly" or "static"; got "html"',
    );
    expect(() => new NotebookSession({ channel: recordingChannel().channel, table: { maxRows: -1 } })).toThrow("resolveTableOptions: maxRows must be an integer >= 1; got -1");
    expect(() => new NotebookSession({ channel: recordingChannel().channel, progressSeconds: -0.5 })).toThrow(
      "openNotebook: progressSeconds must be a finite number >= 0; got -0.5",
    );
  });
});

describe("NotebookSession text, tables and steps", () => {
  it("shows markdown with a text fallback, and tables with the session's row limit", () => {
    const { channel, sent } = recordingChannel();
    const nb = new NotebookSession({ channel, table: { maxRows: 2 } });
    nb.markdown("**bold**");
    nb.table([{ a: 1 }, { a: 2 }, { a: 3 }]);
    nb.table([{ a: 1, b: 2 }], { columns: ["b"], maxRows: 5 });
    expect(sent[0]!.bundle).toEqual({ data: { "text/markdown": "**bold**", "text/plain": "**bold**" }, metadata: {} });
    expect(sent[1]!.bundle.data["text/plain"]).toBe("a\n1\n2\nShowing the first 2 of 3 rows.");
    expect(sent[2]!.bundle.data["text/plain"]).toBe("b\n2");
  });

  it("runs a step under a progress line, with its result's detail or its error", async () => {
    const { channel, texts } = recordingChannel();
    const nb = new NotebookSession({ channel, clock: steppingClock() });
    expect(await nb.step("Loading", async () => 1413, (n) => `${n} runs`)).toBe(1413);
    await expect(nb.step("Parsing", () => Promise.reject(new Error("bad file")))).rejects.toThrow("bad file");
    expect(texts()).toEqual(["… Loading", "✓ Loading: 1413 runs (0.5 s)", "… Parsing", "✗ Parsing: bad file (0.5 s)"]);
  });

  it("skips a cell's work with a message when its data is missing", async () => {
    const { channel, sent } = recordingChannel();
    const nb = new NotebookSession({ channel });
    const seen: number[] = [];
    await nb.withData(null, () => seen.push(1));
    await nb.withData(undefined, () => seen.push(2), "Skipped: no runs.");
    await nb.withData(0, async (v) => void seen.push(v));
    expect(seen).toEqual([0]);
    expect(sent.map((s) => s.bundle.data["text/markdown"])).toEqual([
      "*Skipped: the data this cell needs is missing (see above).*",
      "*Skipped: no runs.*",
    ]);
  });
});

describe("NotebookSession with the real renderer", () => {
  it("renders a figure with headless Chromium at 1x", async () => {
    const { channel, sent } = recordingChannel();
    const nb = new NotebookSession({ channel, launchRenderer: () => FigureRenderer.launch() });
    try {
      await nb.figure({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "t" } }, width: 300, height: 200 });
    } finally {
      await nb.close();
    }
    const fig = sent.at(-1)!.bundle;
    const png = PNG.sync.read(Buffer.from(fig.data["image/png"] as string, "base64"));
    expect([png.width, png.height]).toEqual([300, 200]);
    expect(fig.metadata).toEqual({ "image/png": { width: 300, height: 200 } });
  });
});

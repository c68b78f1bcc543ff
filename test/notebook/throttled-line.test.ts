import { describe, expect, it } from "vitest";
import { textBundle } from "../../src/notebook/progress.js";
import { throttledLine } from "../../src/notebook/throttled-line.js";
import { recordingChannel } from "./helpers.js";

describe("throttledLine", () => {
  it("sends an update only when minSeconds have passed since the last message; final always", () => {
    const { channel, texts } = recordingChannel();
    let now = 10;
    const line = throttledLine(channel.showUpdatable(textBundle("open")), 0.25, () => now);
    now = 10.1;
    line.update(textBundle("dropped: 0.1 s after the opening"));
    now = 10.25;
    line.update(textBundle("sent: 0.25 s after the opening"));
    now = 10.4;
    line.update(textBundle("dropped: 0.15 s after the last"));
    line.final(textBundle("final, sent at once"));
    now = 11;
    line.update(textBundle("sent: 0.75 s after the last throttled update"));
    expect(texts()).toEqual(["open", "sent: 0.25 s after the opening", "final, sent at once", "sent: 0.75 s after the last throttled update"]);
  });

  it("sends every update with minSeconds 0", () => {
    const { channel, texts } = recordingChannel();
    const line = throttledLine(channel.showUpdatable(textBundle("open")), 0, () => 0);
    for (const t of ["a", "b", "c"]) line.update(textBundle(t));
    expect(texts()).toEqual(["open", "a", "b", "c"]);
  });

  it("refuses a negative or non-finite interval", () => {
    const handle = recordingChannel().channel.showUpdatable(textBundle("open"));
    expect(() => throttledLine(handle, -1, () => 0)).toThrow("throttledLine: minSeconds must be a finite number >= 0; got -1");
    expect(() => throttledLine(handle, Number.NaN, () => 0)).toThrow("throttledLine: minSeconds must be a finite number >= 0; got NaN");
  });
});

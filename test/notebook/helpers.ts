import { PNG } from "pngjs";
import type { DisplayChannel, MimeBundle } from "../../src/notebook/types.js";

/** A PNG of the given size filled by `pixel(x, y)` -> [r, g, b, a]. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = (y * width + x) << 2;
      const [r, g, b, a] = pixel(x, y);
      png.data[k] = r;
      png.data[k + 1] = g;
      png.data[k + 2] = b;
      png.data[k + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** Everything a channel was asked to do, in order. */
export type Sent = { kind: "show"; bundle: MimeBundle } | { kind: "open"; id: number; bundle: MimeBundle } | { kind: "update"; id: number; bundle: MimeBundle };

/** A channel that records what it is sent. */
export function recordingChannel(): { channel: DisplayChannel; sent: Sent[]; texts: () => string[] } {
  const sent: Sent[] = [];
  let ids = 0;
  const channel: DisplayChannel = {
    show: (bundle) => void sent.push({ kind: "show", bundle }),
    showUpdatable: (bundle) => {
      const id = ++ids;
      sent.push({ kind: "open", id, bundle });
      return { update: (b) => void sent.push({ kind: "update", id, bundle: b }) };
    },
  };
  const texts = (): string[] => sent.map((s) => String(s.bundle.data["text/plain"]));
  return { channel, sent, texts };
}

import { PNG } from "pngjs";
import { error } from "../core/errors.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Width and height in pixels from a PNG's IHDR chunk (bytes 16-23, big-endian), without decoding it.
 * @throws ToolkitError when the bytes are not a PNG.
 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (png.length < 24 || SIGNATURE.some((b, i) => png[i] !== b)) {
    throw error("pngSize", `not a PNG (${png.length} bytes; the first 8 bytes are not the PNG signature)`);
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Halve a PNG's width and height with a 2x2 box filter: each output channel is the rounded mean of the
 * four input pixels, (a + b + c + d + 2) >> 2. A 2x render halved this way looks like a 1x render with
 * anti-aliasing and takes a quarter of the pixels (about a third of the bytes). Images whose pixels are
 * all opaque are written as RGB (no alpha channel), which is smaller again.
 * @throws ToolkitError when a side is odd (the figure renderer's 2x images are always even).
 */
export function halvePng(png: Uint8Array): Buffer {
  const src = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  if (src.width % 2 !== 0 || src.height % 2 !== 0) {
    throw error("halvePng", `expected even width and height; got ${src.width} x ${src.height}`);
  }
  const sw = src.width;
  const w = sw >> 1;
  const h = src.height >> 1;
  const s = src.data;
  const out = new PNG({ width: w, height: h });
  const o = out.data;
  let opaque = true;
  for (let y = 0; y < h; y++) {
    const top = (2 * y * sw) << 2;
    const bottom = ((2 * y + 1) * sw) << 2;
    for (let x = 0; x < w; x++) {
      const a = top + (x << 3);
      const b = bottom + (x << 3);
      const k = (y * w + x) << 2;
      for (let c = 0; c < 4; c++) o[k + c] = (s[a + c]! + s[a + 4 + c]! + s[b + c]! + s[b + 4 + c]! + 2) >> 2;
      if (o[k + 3] !== 255) opaque = false;
    }
  }
  return PNG.sync.write(out, opaque ? { colorType: 2 } : { colorType: 6 });
}

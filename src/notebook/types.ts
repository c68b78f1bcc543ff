/**
 * What a Jupyter kernel sends to show something: one `display_data` message whose `data` maps MIME types
 * to representations of the same object. The front end picks the richest type it can render, so one
 * message can carry an interactive form and a static fallback side by side.
 */

/**
 * A MIME bundle. Text types (`text/plain`, `text/html`, `text/markdown`) are strings, images are base64
 * strings, and JSON types (`application/json`, `application/vnd.plotly.v1+json`, any `application/*+json`)
 * are JSON values.
 */
export interface MimeBundle {
  data: Record<string, unknown>;
  /** Per-MIME metadata, e.g. `{ "image/png": { width, height } }` for the CSS size of a 2x image. */
  metadata: Record<string, unknown>;
}

/** One displayed output that can be replaced in place (Jupyter's `display_id` and `update_display_data`). */
export interface DisplayHandle {
  update(bundle: MimeBundle): void;
}

/** Where bundles go: the kernel's iopub channel inside tslab, or a test double. */
export interface DisplayChannel {
  /** Show a bundle as a new output of the running cell. */
  show(bundle: MimeBundle): void;
  /** Show a bundle that later `update` calls replace (a progress line). */
  showUpdatable(bundle: MimeBundle): DisplayHandle;
}

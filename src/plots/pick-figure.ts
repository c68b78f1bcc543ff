import { error } from "../core/errors.js";
import type { NamedFigure } from "./types.js";

/** The figure called `name`. @throws ToolkitError listing the names there are. */
export function pickFigure(figures: readonly NamedFigure[], name: string): NamedFigure {
  const f = figures.find((x) => x.name === name);
  if (!f) throw error("pickFigure", `no figure named ${JSON.stringify(name)}; there are: ${figures.map((x) => x.name).join(", ")}`);
  return f;
}

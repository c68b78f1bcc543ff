import { error } from "../core/errors.js";

/**
 * A model name as it may stand in a file name, a run id and the run table's `model_dir`: characters
 * outside `[A-Za-z0-9._-]` become `-` (runs of them one `-`), with no `-` or `.` at either end.
 *
 * @throws ToolkitError when nothing usable is left.
 * @example modelSlug("meta-llama/Llama-3.1-8B-Instruct") // "meta-llama-Llama-3.1-8B-Instruct"
 * @example modelSlug("llama3.1:8b") // "llama3.1-8b"
 */
export function modelSlug(model: string): string {
  const slug = model
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  if (slug === "") throw error("modelSlug", `model name ${JSON.stringify(model)} has no letters or digits to name files by`);
  if (slug.length > 80) throw error("modelSlug", `model name ${JSON.stringify(model)} is longer than 80 characters`);
  return slug;
}

/** The run table's `model_dir` of a model behind an OpenAI-compatible endpoint: `openai_<slug>`, as in the paper's `openai_gpt-5.2`. */
export function openaiModelDir(model: string): string {
  return `openai_${modelSlug(model)}`;
}

/**
 * The contract between a nonlinear least-squares problem and the Levenberg–Marquardt solver: a model
 * ŷ(θ) ∈ ℝᵐ with Jacobian ∂ŷ/∂θ ∈ ℝᵐˣᵖ, evaluated for all observations at once.
 */

/** A vectorised model ŷ(θ) for m observations and p parameters. */
export interface NonlinearModel {
  /** Parameter names, in the order of θ. */
  parameters: readonly string[];
  /** Number of observations m. */
  nObservations: number;
  /** Writes ŷ(θ) into `out` (length m). Non-finite values are allowed: the solver treats them as a failed step. */
  evaluate(theta: Float64Array, out: Float64Array): void;
  /** Writes column j of ∂ŷ/∂θ into `columns[j]` (each length m). */
  jacobian(theta: Float64Array, columns: Float64Array[]): void;
}

/** How the solver stopped (MINPACK's `info` codes, plus failures). */
export type StopReason =
  | "relative-reduction" // actual and predicted relative reductions of the RSS <= tolerance (MINPACK info 1)
  | "relative-step" // relative change of the scaled parameters <= tolerance (info 2)
  | "relative-reduction-and-step" // both (info 3)
  | "gradient" // the cosine between residuals and Jacobian columns <= gradient tolerance (info 4)
  | "no-further-reduction" // the RSS cannot be reduced at machine precision (info 6)
  | "no-further-step" // no further change of the parameters at machine precision (info 7)
  | "orthogonal-at-machine-precision" // residuals orthogonal to the Jacobian columns at machine precision (info 8)
  | "max-iterations" // the iteration limit was reached (info 5)
  | "non-finite-jacobian"; // the Jacobian had NaN or infinite entries at an accepted point

/** Stop reasons that count as convergence. */
export const CONVERGED_REASONS: readonly StopReason[] = [
  "relative-reduction",
  "relative-step",
  "relative-reduction-and-step",
  "gradient",
  "no-further-reduction",
  "no-further-step",
  "orthogonal-at-machine-precision",
];

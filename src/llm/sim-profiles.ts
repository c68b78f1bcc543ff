import { error } from "../core/errors.js";

/**
 * Profiles of the simulated backend: ONE place for every parameter of the model of an LLM agent.
 *
 * These are a model of LLM teams, not a measurement of them. The three profiles are loosely inspired
 * by the spread of the paper's three models (fast and loose, middle, slow and careful); their values
 * are NOT calibrated to the paper's data (a later issue fits them). Change them here and nowhere else.
 *
 * Latency of one reply, in virtual seconds:
 *   latency = (baseSeconds + secondsPerOutputToken * output_tokens + secondsPerInputToken * input_tokens)
 *             * exp(sigma * z - sigma^2 / 2)                  (log-normal noise with mean 1; z ~ N(0, 1))
 *             + [with probability stragglerProbability] min(Pareto(stragglerScaleSeconds, stragglerAlpha), stragglerCapSeconds)
 * A round lasts as long as its slowest reply plus its test time, so stragglers cost more in bigger teams.
 */
export interface SimProfile {
  name: string;
  description: string;

  // Speed.
  /** Fixed seconds per reply (queueing, time to first token, thinking). */
  baseSeconds: number;
  /**
   * Seconds per visible output token: decoding plus the hidden reasoning a model spends per token it
   * shows (so slower than raw decoding speed).
   */
  secondsPerOutputToken: number;
  /** Seconds per input token (prefill). */
  secondsPerInputToken: number;
  /** Sigma of the mean-one log-normal noise on each reply's latency. */
  latencySigma: number;
  /** Chance that a reply is also delayed by a heavy-tailed straggler delay. */
  stragglerProbability: number;
  /** Pareto scale x_m of a straggler delay, seconds (its minimum). */
  stragglerScaleSeconds: number;
  /** Pareto shape alpha of a straggler delay (smaller is heavier-tailed; mean alpha x_m / (alpha - 1)). */
  stragglerAlpha: number;
  /**
   * Largest straggler delay, seconds: a real client gives up on a stalled request and retries it, so
   * the tail is truncated here (which also keeps cell means from hanging on one draw).
   */
  stragglerCapSeconds: number;

  // Work.
  /**
   * Most new tasks an agent takes on in one reply: free tasks it claims (decentralized), or tasks the
   * lead assigns to each idle teammate (lead mode). Tasks it already owns are all worked on in every
   * reply, in dependency order (an agentic model writes a whole assigned chain in one turn).
   */
  claimsPerReply: number;

  // Reliability.
  /** Chance that a first attempt at a task is the faulty solution (fails its tests). */
  mistakeRate: number;
  /** Chance that a retry after failed tests is the correct solution. */
  fixRate: number;

  // Coordination (decentralized mode unless said otherwise).
  /**
   * Spread of the choice among free tasks: an agent takes the first candidate in board order with
   * probability 1 - choiceSpread, else moves on to the next (a geometric choice). Small values herd
   * agents onto the same tasks (more ties and concurrent writes).
   */
  choiceSpread: number;
  /**
   * Chance, per task taken, of also claiming (and writing) a dependent task in the same reply before
   * its dependency is done: an eager claim, refused as dependencies_pending.
   */
  eagerClaimRate: number;
  /** Chance per reply of acting on a misread or stale board: claiming some task whose dependencies are not done. */
  staleClaimRate: number;
  /**
   * Chance per reply of rewriting a teammate's file for a task the teammate claimed but has not
   * completed (distrust). Centralized agents only do this when they have no work of their own.
   */
  distrustRate: number;
  /** Chance per reply of broadcasting status and intent, for a team of two; grows with team size (below). */
  broadcastRate: number;
  /** Added to broadcastRate for each teammate beyond the second (more agents, more talk); capped at 1. */
  broadcastPerTeammate: number;
  /** Chance that an agent steers clear of a task a teammate announced it will take next. */
  heedRate: number;
}

export const SIM_PROFILES: Readonly<Record<string, Readonly<SimProfile>>> = {
  "fast-careless": {
    name: "fast-careless",
    description: "Fast replies, many tasks per reply, frequent mistakes, herds onto the same tasks and rarely coordinates.",
    baseSeconds: 2,
    secondsPerOutputToken: 0.012,
    secondsPerInputToken: 0.00002,
    latencySigma: 0.35,
    stragglerProbability: 0.06,
    stragglerScaleSeconds: 8,
    stragglerAlpha: 1.5,
    stragglerCapSeconds: 90,
    claimsPerReply: 6,
    mistakeRate: 0.15,
    fixRate: 0.7,
    choiceSpread: 0.25,
    eagerClaimRate: 0.35,
    staleClaimRate: 0.15,
    distrustRate: 0.15,
    broadcastRate: 0.15,
    broadcastPerTeammate: 0.03,
    heedRate: 0.3,
  },
  balanced: {
    name: "balanced",
    description: "Middle speed and reliability; coordinates by messages about half the time.",
    baseSeconds: 3,
    secondsPerOutputToken: 0.03,
    secondsPerInputToken: 0.00003,
    latencySigma: 0.2,
    stragglerProbability: 0.02,
    stragglerScaleSeconds: 12,
    stragglerAlpha: 1.8,
    stragglerCapSeconds: 90,
    claimsPerReply: 4,
    mistakeRate: 0.05,
    fixRate: 0.85,
    choiceSpread: 0.4,
    eagerClaimRate: 0.2,
    staleClaimRate: 0.08,
    distrustRate: 0.08,
    broadcastRate: 0.35,
    broadcastPerTeammate: 0.08,
    heedRate: 0.6,
  },
  "slow-careful": {
    name: "slow-careful",
    description: "Slow replies, few tasks per reply, rare mistakes, spreads out over tasks and announces its plans.",
    baseSeconds: 4,
    secondsPerOutputToken: 0.045,
    secondsPerInputToken: 0.00004,
    latencySigma: 0.15,
    stragglerProbability: 0.015,
    stragglerScaleSeconds: 15,
    stragglerAlpha: 2.2,
    stragglerCapSeconds: 90,
    claimsPerReply: 3,
    mistakeRate: 0.03,
    fixRate: 0.95,
    choiceSpread: 0.55,
    eagerClaimRate: 0.05,
    staleClaimRate: 0.03,
    distrustRate: 0.03,
    broadcastRate: 0.6,
    broadcastPerTeammate: 0.1,
    heedRate: 0.85,
  },
};

/** Profile names, in the order above. */
export const SIM_PROFILE_NAMES: readonly string[] = Object.keys(SIM_PROFILES);

/** The default profile of the simulated backend. */
export const DEFAULT_SIM_PROFILE = "balanced";

const RATES = [
  "mistakeRate",
  "fixRate",
  "choiceSpread",
  "eagerClaimRate",
  "staleClaimRate",
  "distrustRate",
  "broadcastRate",
  "broadcastPerTeammate",
  "heedRate",
  "stragglerProbability",
] as const;
const NON_NEGATIVE = ["baseSeconds", "secondsPerOutputToken", "secondsPerInputToken", "latencySigma", "stragglerScaleSeconds", "stragglerCapSeconds"] as const;

/**
 * Check a profile: rates in [0, 1] (choiceSpread in [0, 1)), times non-negative, stragglerAlpha > 0,
 * claimsPerReply a positive integer.
 * @throws naming the field, its value and the valid range.
 */
export function validateSimProfile(profile: SimProfile): SimProfile {
  const where = `validateSimProfile(${profile.name})`;
  for (const k of RATES) {
    const v = profile[k];
    if (!(v >= 0 && v <= 1)) throw error(where, `${k} must be in [0, 1]; got ${String(v)}`);
  }
  if (!(profile.choiceSpread < 1)) throw error(where, `choiceSpread must be below 1; got ${profile.choiceSpread}`);
  for (const k of NON_NEGATIVE) {
    const v = profile[k];
    if (!(Number.isFinite(v) && v >= 0)) throw error(where, `${k} must be a finite number >= 0; got ${String(v)}`);
  }
  if (!(profile.stragglerAlpha > 0 && Number.isFinite(profile.stragglerAlpha))) {
    throw error(where, `stragglerAlpha must be a positive number; got ${String(profile.stragglerAlpha)}`);
  }
  if (!(profile.stragglerCapSeconds >= profile.stragglerScaleSeconds)) {
    throw error(where, `stragglerCapSeconds (${profile.stragglerCapSeconds}) must be at least stragglerScaleSeconds (${profile.stragglerScaleSeconds})`);
  }
  if (!Number.isInteger(profile.claimsPerReply) || profile.claimsPerReply < 1) {
    throw error(where, `claimsPerReply must be a positive integer; got ${String(profile.claimsPerReply)}`);
  }
  return profile;
}

/**
 * A profile by name.
 * @throws for an unknown name, listing the valid ones.
 */
export function getSimProfile(name: string): SimProfile {
  const p = SIM_PROFILES[name];
  if (p === undefined) throw error("getSimProfile", `unknown profile "${name}"; valid: ${SIM_PROFILE_NAMES.join(", ")}`);
  return { ...p };
}

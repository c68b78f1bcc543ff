/** The label every figure and table of our simulated runs carries. */
export const SIMULATED_NOTE = "SIMULATED: a model of LLM teams, not a measurement";

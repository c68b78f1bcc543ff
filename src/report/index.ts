/** The report layer: load data, compute tables and fits, write CSV/PNG/HTML, check design values, describe fits. */
export * from "./paper-data.js";
export * from "./paper.js";
export * from "./fit-tables.js";
export { analysisFigures, figuresOfAnalysis } from "./fit-figures.js";
export * from "./sweep-results.js";
export {
  DESIGN_VALUES,
  designValueComparison,
  designValueRows,
  type DesignValue,
  type DesignValueComparison,
  type DesignQuantity,
} from "./design-values.js";
export { priceTableRows, type PriceRow } from "./price-rows.js";
export {
  fitParameterRows,
  fitStatisticsRow,
  speedupPointsOf,
  type FitParameterRow,
  type FitStatisticsRow,
} from "./fit-rows.js";
export { amdahlFitSentence } from "./fit-sentences.js";
export { costGroupOf, teamSizeRows } from "./cost-rows.js";
export { notebookPaperDir } from "./paper-data-dir.js";

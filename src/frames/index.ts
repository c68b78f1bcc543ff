export { recordsToDataFrame, tableToDataFrame, eventsToDataFrame } from "./to-dataframe.js";

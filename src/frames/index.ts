export { toDataFrame, recordsToDataFrame, tableToDataFrame, eventsToDataFrame } from "./to-dataframe.js";

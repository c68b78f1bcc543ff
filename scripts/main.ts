/**
 * `npm start`: the main job, with no API key. Reproduces the paper's figures from its published data
 * when it is there (and says how to get it when it is not).
 */
import { execFileSync } from "node:child_process";
import { paperDataPresent, PAPER_DATA_HINT } from "../src/io/paper-data.js";

const say = (s: string): void => console.error(`main: ${s}`);
if (paperDataPresent()) {
  say("reproducing the paper's figures from its published data");
  execFileSync(process.execPath, ["--import", "tsx", "scripts/reproduce.ts"], { stdio: "inherit" });
} else {
  say(`skipping the paper reproduction: its data is not in data/paper/. ${PAPER_DATA_HINT}`);
}

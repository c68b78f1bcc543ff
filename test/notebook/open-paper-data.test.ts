import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NotebookSession } from "../../src/notebook/notebook-session.js";
import { openPaperData } from "../../src/notebook/open-paper-data.js";
import { recordingChannel } from "./helpers.js";

describe("openPaperData", () => {
  it("says how to get the data when it is missing, and returns null", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nodata-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "runs.parquet"), ""); // one file alone is not the data
    const { channel, sent } = recordingChannel();
    expect(await openPaperData(new NotebookSession({ channel }), dir)).toBeNull();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bundle.data["text/markdown"]).toBe(
      `**The paper's data is not in \`${dir}\`.** Run \`npm run data:paper\` (in the project root) to fetch the paper's published data into data/paper/. ` +
        "Then run this notebook again. The cells below skip their work until then.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { formatPhaseTable } from "./phase-table.js";

describe("formatPhaseTable", () => {
  it("lines up one row per run and marks missing phases", () => {
    const table = formatPhaseTable([
      { label: "process, TLS", timings: { createMs: 276.2, firstConnectMs: 617, deleteMs: 109 } },
      {
        label: "deployed",
        timings: { createMs: 1059, firstConnectMs: undefined, deleteMs: 1019 },
        note: "n/c",
      },
      { label: "container", note: "failed" },
    ]);
    expect(table.split("\n")).toEqual([
      "Lifecycle phase durations",
      "  run            create  first connect   delete",
      "  process, TLS   276 ms         617 ms   109 ms",
      "  deployed      1059 ms              —  1019 ms  n/c",
      "  container           —              —        —  failed",
    ]);
  });
});

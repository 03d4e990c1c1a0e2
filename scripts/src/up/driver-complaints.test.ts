import { describe, expect, it } from "vitest";
import { driverComplaints } from "./driver-complaints.js";

describe("the driver's complaints", () => {
  it("are its warnings, errors and lines that are not its JSON log, the last ten", () => {
    const output = [
      '{"level":30,"msg":"driver listening"}',
      '{"level":40,"msg":"slow backend"}',
      "",
      "TypeError: boom",
      '{"level":50,"msg":"request failed"}',
      ...Array.from({ length: 8 }, (_, i) => `{"level":60,"msg":"fatal ${i}"}`),
    ].join("\n");
    const complaints = driverComplaints(output);
    expect(complaints).toHaveLength(10);
    expect(complaints[0]).toBe("TypeError: boom");
    expect(complaints).not.toContain('{"level":30,"msg":"driver listening"}');
  });
});

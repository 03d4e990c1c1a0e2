import { describe, expect, it } from "vitest";
import { formatAge, formatDuration, parseDuration } from "./duration.js";

describe("durations", () => {
  it("reads the units people write, alone or combined", () => {
    expect(parseDuration("90s", "--x")).toBe(90_000);
    expect(parseDuration("30m", "--x")).toBe(1_800_000);
    expect(parseDuration("6h", "--x")).toBe(21_600_000);
    expect(parseDuration("2d", "--x")).toBe(172_800_000);
    expect(parseDuration("1h30m", "--x")).toBe(5_400_000);
  });

  it("refuses anything else, naming the flag", () => {
    for (const text of ["", "6", "h", "6 h", "6hours", "-1h", "1.5h"]) {
      expect(() => parseDuration(text, "--older-than")).toThrow(
        /^--older-than: .* is not a duration\. Fix: /,
      );
    }
  });

  it("writes durations and ages short", () => {
    expect([850, 12_340, 245_000, 7_800_000].map(formatDuration)).toEqual([
      "850 ms",
      "12.3 s",
      "4m 05s",
      "2h 10m",
    ]);
    expect([40 * 60_000, 5.2 * 3_600_000, 76 * 3_600_000].map(formatAge)).toEqual(["40m", "5h 12m", "3d 4h"]);
  });
});

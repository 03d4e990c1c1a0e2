import { describe, expect, it } from "vitest";
import { ObservedDurations } from "./observed-durations.js";

describe("ObservedDurations", () => {
  it("gives the typical time until something was seen", () => {
    expect(new ObservedDurations().estimate("node-based", "create", 720)).toBe(720);
  });

  it("gives the median of the last five durations of the same deployment and operation", () => {
    const observed = new ObservedDurations();
    for (const seconds of [900, 20, 30, 40, 50, 60]) observed.record("serverless", "create", seconds, 330);

    // 900 has dropped out; the median of 20..60 is 40.
    expect(observed.estimate("serverless", "create", 330)).toBe(40);
  });

  it("scales the typical time of an operation not seen yet by the backend's pace", () => {
    const observed = new ObservedDurations();
    observed.record("node-based", "create", 72, 720);

    // Ten times faster than typical on create: taken to be ten times faster on delete too.
    expect(observed.estimate("node-based", "delete", 420)).toBe(42);
    expect(observed.estimate("serverless", "create", 330)).toBe(33);
  });

  it("never estimates less than a second, and ignores nonsense", () => {
    const observed = new ObservedDurations();
    observed.record("node-based", "create", 0.2, 720);
    observed.record("node-based", "delete", Number.NaN, 420);
    observed.record("node-based", "delete", 5, 0);

    expect(observed.estimate("node-based", "create", 720)).toBe(1);
    expect(observed.estimate("node-based", "delete", 420)).toBe(1);
  });
});

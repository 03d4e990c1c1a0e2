import { describe, expect, it } from "vitest";
import { median, pairedRatio, percentile } from "../bench/stats.js";

describe("the bench's statistics", () => {
  it("median: the middle value, or the mean of the two middle ones; NaN for none", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it("percentile: nearest rank", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
    expect(percentile([], 50)).toBeNaN();
  });

  it("pairedRatio: the median of the rounds' own ratios, so a slow round falls on both sides", () => {
    // Round 2 ran on a machine twice as slow for both: it does not move the ratio.
    expect(pairedRatio([90, 45, 90], [100, 50, 100])).toBeCloseTo(0.9);
    // Ratios 0.5, 0.8, 1.0, 2.0: the middle two.
    expect(pairedRatio([1, 8, 10, 20], [2, 10, 10, 10])).toBeCloseTo(0.9);
  });

  it("pairedRatio refuses samples of different lengths", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/differ in length/);
  });
});

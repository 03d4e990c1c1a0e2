import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

const options = { initialMs: 100, maxMs: 5_000 };

describe("backoffDelay", () => {
  it("doubles from the initial delay with half of it random", () => {
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    expect(backoffDelay(3, options, () => 1)).toBe(800);
  });

  it("never exceeds the cap, however many retries", () => {
    expect(backoffDelay(10, options, () => 1)).toBe(5_000);
    expect(backoffDelay(10_000, options, () => 1)).toBe(5_000);
    expect(backoffDelay(10_000, options, () => 0)).toBe(2_500);
  });
});

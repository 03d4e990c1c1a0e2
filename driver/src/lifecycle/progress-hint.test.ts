import { describe, expect, it } from "vitest";
import { progressHint } from "./progress-hint.js";

const NOW = new Date("2026-11-24T10:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe("progressHint", () => {
  it("without timing, states only the status and the current time", () => {
    expect(progressHint("deleting", NOW)).toEqual({ status: "deleting", current_time: NOW.toISOString() });
  });

  it("promises completion at the start plus the estimate, and the timeout counted from the start", () => {
    const hint = progressHint("creating", NOW, {
      since: at(-2_000),
      estimatedSeconds: 30,
      timeoutMs: 600_000,
    });
    expect(hint).toEqual({
      status: "creating",
      estimated_completion_time: at(28_000).toISOString(),
      timeout: at(598_000).toISOString(),
      current_time: NOW.toISOString(),
    });
  });

  it("moves an estimate already past to one second from now", () => {
    const hint = progressHint("updating", NOW, {
      since: at(-60_000),
      estimatedSeconds: 5,
      timeoutMs: 120_000,
    });
    expect(hint.estimated_completion_time).toBe(at(1_000).toISOString());
    expect(hint.timeout).toBe(at(60_000).toISOString());
  });

  it("keeps an estimate that ends just after one second from now", () => {
    const hint = progressHint("creating", NOW, { since: at(-3_999), estimatedSeconds: 5, timeoutMs: 10_000 });
    expect(hint.estimated_completion_time).toBe(at(1_001).toISOString());
  });
});

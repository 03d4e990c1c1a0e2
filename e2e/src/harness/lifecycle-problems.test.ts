import { describe, expect, it } from "vitest";
import type { LifecycleObservation } from "./lifecycle-flow.js";
import { lifecycleProblems } from "./lifecycle-problems.js";

const good: LifecycleObservation = {
  guresid: "a".repeat(40),
  create: { statuses: [202, 200], hints: [{}] },
  outputs: { values: { host: "h", port: 1, tls: false }, secrets: { username: "", password: "", url: "" } },
  consumer: "sample app",
  visits: [1, 2],
  readyBeforeDelete: { ready: true, status: 200 },
  delete: { statuses: [204] },
  readyAfterDelete: { ready: false, status: 503, reason: "Connection refused" },
  timings: { createMs: 1, firstConnectMs: 1, deleteMs: 1 },
};

describe("lifecycleProblems", () => {
  it("finds none in a lifecycle that went as a workload expects, nor when no consumer ran", () => {
    expect(lifecycleProblems(good)).toEqual([]);
    expect(lifecycleProblems({ ...good, consumer: { skipped: "unreachable" }, visits: [] })).toEqual([]);
  });

  it("names a stale counter, a cache not ready before the delete, and a silent one after it", () => {
    const problems = lifecycleProblems({
      ...good,
      visits: [5, 6],
      readyBeforeDelete: { ready: false, reason: "x" },
      readyAfterDelete: { ready: false, status: 503 },
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("[5,6]");
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { categoryOf, compareProfiles, cpuByCategory, type CpuProfile } from "../bench/cpu-profile-summary.js";

const frame = (functionName: string, url = "") => ({ functionName, url });
const PNPM = "file:///repo/node_modules/.pnpm";

describe("categoryOf", () => {
  it.each([
    [frame("(garbage collector)"), "V8: garbage collection"],
    [frame("(program)"), "V8: compiler and runtime"],
    [frame("writev"), "Node: socket writes (syscalls)"],
    [frame("writeUtf8String"), "Node: socket writes (syscalls)"],
    [frame("parse"), "native code (JSON, regexps, builtins)"],
    [frame("next", `${PNPM}/router@2.3.0/node_modules/router/index.js`), "package router"],
    [
      frame("x", `${PNPM}/@redis+client@5.0.0/node_modules/@redis/client/dist/index.js`),
      "package @redis/client",
    ],
    [frame("x", "file:///repo/node_modules/vitest/dist/index.js"), "package vitest"],
    [frame("send", "file:///repo/driver/dist/src/http/contract-routes.js"), "driver http/contract-routes"],
    [frame("send", "file:///repo/driver/src/http/contract-routes.ts"), "driver http/contract-routes"],
    [frame("writeHead", "node:_http_server"), "Node: HTTP and sockets"],
    [frame("writevGeneric", "node:internal/stream_base_commons"), "Node: HTTP and sockets"],
    [frame("emit", "node:events"), "Node: streams, events and ticks"],
    [frame("nextTick", "node:internal/process/task_queues"), "Node: streams, events and ticks"],
    [frame("run", "node:async_hooks"), "Node: async context (AsyncLocalStorage)"],
    [frame("Hash", "node:internal/crypto/hash"), "Node: crypto"],
    [frame("wrapSafe", "node:internal/modules/cjs/loader"), "Node: module loading"],
    [frame("join", "node:path"), "Node: other"],
    [frame("(anon)", "file:///repo/scripts/bench/baseline-server.mjs"), "baseline app"],
    [frame("(anon)", "file:///elsewhere/x.js"), "other code"],
  ])("%o is %s", (callFrame, category) => {
    expect(categoryOf(callFrame)).toBe(category);
  });
});

/** A profile whose samples fall 100 µs apart from t = 1,000 µs on. */
function profileOf(sampleNodeIds: number[]): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame("(root)", "") },
      { id: 2, callFrame: frame("(idle)") },
      { id: 3, callFrame: frame("(garbage collector)") },
      { id: 4, callFrame: frame("next", `${PNPM}/router@2.3.0/node_modules/router/index.js`) },
    ],
    startTime: 1_000,
    samples: sampleNodeIds,
    timeDeltas: sampleNodeIds.map(() => 100),
  };
}

describe("cpuByCategory", () => {
  it("counts the samples inside the window by category and leaves idle time out", () => {
    // Samples end at 1,100 1,200 1,300 1,400 1,500 1,600.
    const profile = profileOf([4, 3, 2, 4, 4, 3]);
    const cpu = cpuByCategory(profile, { startMicros: 1_100, endMicros: 1_500 });
    // Inside (1,100, 1,500]: 1,200 GC, 1,300 idle, 1,400 router, 1,500 router.
    expect(Object.fromEntries(cpu)).toEqual({ "V8: garbage collection": 100, "package router": 200 });
  });

  it("refuses a window the profile has no sample in (the profile and the load are not of one run)", () => {
    expect(() => cpuByCategory(profileOf([4, 4]), { startMicros: 5_000, endMicros: 6_000 })).toThrow(
      /no sample inside the load window/,
    );
  });

  it("reads a real process's profile on the clock process.hrtime reads", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kit-cpu-prof-"));
    try {
      const startMicros = Number(process.hrtime.bigint() / 1000n);
      // 200 ms of work in a child, profiled.
      execFileSync(process.execPath, [
        "--cpu-prof",
        `--cpu-prof-dir=${dir}`,
        "-e",
        "const end = performance.now() + 200; while (performance.now() < end) JSON.parse(JSON.stringify({ a: [1, 2, 3] }));",
      ]);
      const endMicros = Number(process.hrtime.bigint() / 1000n);
      const [file] = readdirSync(dir);
      const profile = JSON.parse(readFileSync(path.join(dir, file ?? ""), "utf8")) as CpuProfile;
      const total = [...cpuByCategory(profile, { startMicros, endMicros }).values()].reduce(
        (a, b) => a + b,
        0,
      );
      // Most of the 200 ms of work is inside the window (a busy machine may stretch it, not shrink it).
      expect(total).toBeGreaterThan(150_000);
      // Before the child started, nothing.
      expect(() => cpuByCategory(profile, { startMicros: 0, endMicros: startMicros })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("compareProfiles", () => {
  it("gives µs per answer on both sides, largest difference first, small categories folded, totals", () => {
    const driver = {
      cpu: new Map([
        ["V8: garbage collection", 4_000],
        ["package router", 3_000],
        ["driver http/contract-routes", 2_000],
        ["package tiny", 50],
      ]),
      answers: 100,
    };
    const baseline = {
      cpu: new Map([
        ["V8: garbage collection", 3_000],
        ["package router", 1_000],
        ["package etag", 600],
      ]),
      answers: 200,
    };
    const { rows, rest, total } = compareProfiles(driver, baseline);
    expect(rows).toEqual([
      { category: "V8: garbage collection", driver: 40, baseline: 15, difference: 25 },
      { category: "package router", driver: 30, baseline: 5, difference: 25 },
      { category: "driver http/contract-routes", driver: 20, baseline: 0, difference: 20 },
      { category: "package etag", driver: 0, baseline: 3, difference: -3 },
    ]);
    expect(rest).toEqual({ category: "1 more categories", driver: 0.5, baseline: 0, difference: 0.5 });
    expect(total).toEqual({ category: "total", driver: 90.5, baseline: 23, difference: 67.5 });
  });

  it("answers zeros, not NaN, for a side with no answers", () => {
    const { total } = compareProfiles(
      { cpu: new Map([["x", 10]]), answers: 0 },
      { cpu: new Map([["x", 10]]), answers: 10 },
    );
    expect(total).toEqual({ category: "total", driver: 0, baseline: 1, difference: -1 });
  });
});

import { describe, expect, it } from "vitest";
import { cpuMs } from "../bench/cpu-time.js";

const linux = process.platform === "linux";

describe.skipIf(!linux)(
  `cpuMs (the bench's CPU time per answer)${linux ? "" : " (skipped: not Linux: /proc is needed)"}`,
  () => {
    it("reads a process's CPU time from /proc, and it grows while the process computes", () => {
      const before = cpuMs(process.pid);
      expect(before).toBeGreaterThan(0);
      // Computes until 30 ms of CPU time show up (a busy machine may give this process less than
      // its wall time), for at most 5 s.
      const deadline = performance.now() + 5_000;
      let after = before ?? 0;
      while (after < (before ?? 0) + 30 && performance.now() < deadline) {
        const slice = performance.now() + 10;
        while (performance.now() < slice) Math.sqrt(Math.random());
        after = cpuMs(process.pid) ?? 0;
      }
      expect(after).toBeGreaterThanOrEqual((before ?? 0) + 30);
    });

    it("answers undefined for a process that does not exist", () => {
      expect(cpuMs(2 ** 22 + 1)).toBeUndefined();
    });
  },
);

/**
 * Reads V8 CPU profiles (`node --cpu-prof`) of the driver and of the bare Express baseline under the
 * same load, and says where each spends its CPU per answer: garbage collection, Node's HTTP layer,
 * each package, each driver file. Only samples inside the load window count, so neither start-up
 * nor idle time is in the figures.
 */

/** The parts of a `.cpuprofile` this reads (Chrome DevTools protocol `Profiler.Profile`). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  /** In µs of the machine's monotonic clock, which `process.hrtime` reads too. */
  startTime: number;
  samples: number[];
  /** µs since the previous sample (the first: since `startTime`). */
  timeDeltas: number[];
}

/** A span of the monotonic clock in µs, e.g. from `process.hrtime.bigint() / 1000n`. */
export interface ClockWindow {
  startMicros: number;
  endMicros: number;
}

const IDLE = "(idle)";
const PACKAGE = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//;

/**
 * What a sampled function belongs to, in words a reader of the table knows: a package by name, a
 * driver source file, or the part of Node.js or V8 it is in.
 */
export function categoryOf({ functionName, url }: { functionName: string; url: string }): string {
  if (url === "") {
    if (functionName === "(garbage collector)") return "V8: garbage collection";
    if (functionName === "(program)") return "V8: compiler and runtime";
    if (functionName === "writev" || functionName === "writeUtf8String" || functionName === "writeBuffer")
      return "Node: socket writes (syscalls)";
    return "native code (JSON, regexps, builtins)";
  }
  const pkg = PACKAGE.exec(url);
  if (pkg?.[1]) return `package ${pkg[1]}`;
  const driverFile = /\/driver\/(?:dist\/)?src\/(.+)\.[jt]s$/.exec(url);
  if (driverFile?.[1]) return `driver ${driverFile[1]}`;
  if (url.startsWith("node:")) {
    const module = url.slice("node:".length);
    if (/^(_http_|http$|net$|internal\/(http|stream_base_commons|net))/.test(module))
      return "Node: HTTP and sockets";
    if (/^(events$|internal\/(streams|process\/task_queues|timers)|stream$|timers$)/.test(module))
      return "Node: streams, events and ticks";
    if (/async_hooks/.test(module)) return "Node: async context (AsyncLocalStorage)";
    if (/^internal\/crypto|^crypto$/.test(module)) return "Node: crypto";
    if (/^internal\/modules|^internal\/bootstrap|^module$/.test(module)) return "Node: module loading";
    return "Node: other";
  }
  if (/\/scripts\/bench\/baseline-server\.mjs$/.test(url)) return "baseline app";
  return "other code";
}

/**
 * CPU time in µs by category over the samples inside `window`; idle time is left out. Throws when
 * no sample falls inside, which means the profile and the window are not of the same run.
 */
export function cpuByCategory(profile: CpuProfile, window: ClockWindow): Map<string, number> {
  const categories = new Map<number, string | undefined>();
  for (const node of profile.nodes) {
    categories.set(node.id, node.callFrame.functionName === IDLE ? undefined : categoryOf(node.callFrame));
  }
  const totals = new Map<string, number>();
  let time = profile.startTime;
  let inWindow = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    // A sample stands for the time since the previous one: count it when that time ended inside.
    if (time <= window.startMicros || time > window.endMicros) continue;
    inWindow += 1;
    const category = categories.get(profile.samples[index] ?? -1);
    if (category !== undefined) totals.set(category, (totals.get(category) ?? 0) + delta);
  }
  if (inWindow === 0) throw new Error("the profile has no sample inside the load window");
  return totals;
}

export interface CategoryRow {
  category: string;
  /** µs per answer. */
  driver: number;
  baseline: number;
  /** driver − baseline, µs per answer: what the driver adds here. */
  difference: number;
}

/**
 * Per-answer CPU by category for both sides, largest difference first: every category that costs
 * either side at least `minMicros` per answer, then one row for the rest, then the totals.
 */
export function compareProfiles(
  driver: { cpu: Map<string, number>; answers: number },
  baseline: { cpu: Map<string, number>; answers: number },
  minMicros = 1,
): { rows: CategoryRow[]; rest: CategoryRow; total: CategoryRow } {
  const perAnswer = (micros: number | undefined, answers: number) =>
    answers === 0 ? 0 : Math.round(((micros ?? 0) / answers) * 10) / 10;
  const row = (category: string, d: number, b: number): CategoryRow => ({
    category,
    driver: Math.round(d * 10) / 10,
    baseline: Math.round(b * 10) / 10,
    difference: Math.round((d - b) * 10) / 10,
  });
  const all = [...new Set([...driver.cpu.keys(), ...baseline.cpu.keys()])]
    .map((category) =>
      row(
        category,
        perAnswer(driver.cpu.get(category), driver.answers),
        perAnswer(baseline.cpu.get(category), baseline.answers),
      ),
    )
    .sort((a, b) => b.difference - a.difference || b.driver - a.driver);
  const sum = (list: CategoryRow[], pick: (r: CategoryRow) => number) =>
    list.reduce((total, r) => total + pick(r), 0);
  const shown = all.filter((r) => Math.max(r.driver, r.baseline) >= minMicros);
  const others = all.filter((r) => Math.max(r.driver, r.baseline) < minMicros);
  return {
    rows: shown,
    rest: row(
      `${others.length} more categories`,
      sum(others, (r) => r.driver),
      sum(others, (r) => r.baseline),
    ),
    total: row(
      "total",
      sum(all, (r) => r.driver),
      sum(all, (r) => r.baseline),
    ),
  };
}

import path from "node:path";
import type { Reporter, TestCase, TestModule, Vitest } from "vitest/node";

const NO_REASON =
  "no reason given (end the test's or its suite's title with `(skipped: <reason>)`, or call context.skip(reason))";
/** The project's way of stating a reason in a title: `... (skipped: <reason>)` at its end. */
const REASON_IN_TITLE = /\(skipped: (.+)\)$/;
const REASON_SUFFIX = / \(skipped: .+\)$/;

/** Tests a failed hook kept from running: vitest reports them skipped, they are failures' fallout. */
const SUITE_FAILED = "not run: a hook of its suite or file failed (see the errors above)";

/**
 * Why a test was skipped: its suite or file failed first, else the note of `ctx.skip(note)`, else
 * the reason its title or a suite's states.
 */
export function skipReason(test: TestCase): string {
  for (let node: TestCase["parent"] = test.parent; ; node = node.parent) {
    // A hook's failure is the suite's (or file's) own error; failing tests inside do not count.
    if (node.errors().length > 0) return SUITE_FAILED;
    if (node.type === "module") break;
  }
  const result = test.result();
  if (result.state === "skipped" && result.note) return result.note;
  for (let node: TestCase | TestCase["parent"] = test; node.type !== "module"; node = node.parent) {
    const reason = REASON_IN_TITLE.exec(node.name)?.[1];
    if (reason !== undefined) return reason;
  }
  return test.options.mode === "todo" ? "todo" : NO_REASON;
}

/**
 * After the run: every skipped test, grouped by its reason, so a green run says plainly what it
 * did not check (a container engine missing, a deployed stack not configured). Silent when a name
 * filter (`-t`) skipped tests on purpose.
 */
export default class SkippedTestsReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: readonly TestModule[]): void {
    const vitest = this.#vitest;
    if (!vitest || vitest.config.testNamePattern !== undefined) return;
    const byReason = new Map<string, string[]>();
    for (const module of testModules) {
      const file = path.relative(vitest.config.root, module.moduleId);
      for (const test of module.children.allTests("skipped")) {
        const reason = skipReason(test);
        const tests = byReason.get(reason) ?? [];
        const project = test.project.name ? `[${test.project.name}] ` : "";
        // The whole path of suites: tests of `describe.each` share their own names. The reason
        // heads the group, so the titles go without it.
        const entry = `${project}${file} > ${testPath(test)}`;
        if (!tests.includes(entry)) tests.push(entry);
        byReason.set(reason, tests);
      }
    }
    const total = [...byReason.values()].reduce((sum, tests) => sum + tests.length, 0);
    if (total === 0) return;
    const lines = [
      "",
      `Skipped tests: ${total}, for ${byReason.size} reason${byReason.size === 1 ? "" : "s"}`,
      ...[...byReason].flatMap(([reason, tests]) => [
        `  ${reason} (${tests.length} test${tests.length === 1 ? "" : "s"}):`,
        ...tests.map((test) => `    - ${test}`),
      ]),
    ];
    vitest.logger.log(lines.join("\n"));
  }
}

/** The names of the test's suites and its own, joined by " > ", each without its skip reason. */
function testPath(test: TestCase): string {
  const names: string[] = [];
  for (let node: TestCase | TestCase["parent"] = test; node.type !== "module"; node = node.parent) {
    names.unshift(node.name.replace(REASON_SUFFIX, ""));
  }
  return names.join(" > ");
}

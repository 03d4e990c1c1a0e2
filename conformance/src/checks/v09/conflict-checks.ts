import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, jsonOf } from "../../exchange.js";
import { progressHintProblems } from "../../shapes/progress-hint.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { statusProblems } from "../expect.js";

export const PUT_409_CONFLICT: CheckSpec<V09Suite> = {
  id: "PUT-409-CONFLICT",
  title:
    "While a create is in flight, a PUT asking for a different configuration answers 409 with an AsyncProgressHint",
  clause:
    "the spec allows 409 only when the operation in flight cannot be cancelled; the kit answers it whenever a different configuration arrives mid-create",
  source: "kit",
  level: "recommendation",
  features: ["conflict"],
  async run(suite) {
    const { conflictProbe } = await suite.main();
    if (typeof conflictProbe === "string")
      throw new SkipCheck(`no conflicting PUT was sent: ${conflictProbe}`);
    const problems = statusProblems(conflictProbe, [409], "PUT with a different configuration");
    if (problems.length === 0) {
      problems.push(...progressHintProblems(jsonOf(conflictProbe)).map((problem) => `409 body: ${problem}`));
    }
    assertNoProblems(problems, [conflictProbe]);
    return describeExchange(conflictProbe);
  },
};

import type { CheckSpec } from "../../check.js";
import { assertNoProblems, HarnessError } from "../../check.js";
import { describeExchange } from "../../exchange.js";
import { seconds, type V09Suite } from "../../suites/v09-suite.js";
import { skipUnlessDeleted, statusProblems } from "../expect.js";

export const DEL_202_OR_204: CheckSpec<V09Suite> = {
  id: "DEL-202-OR-204",
  title: "DELETE of an existing resource answers 202 (in progress) or 204, and repeating it ends in 204",
  clause: "§1 Status codes (DELETE)",
  level: "core",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    if (deletion.gaveUp) {
      throw new HarnessError(
        `DELETE still answered 202 after ${seconds(deletion.elapsedMs)}; raise --timeout`,
      );
    }
    const problems = statusProblems(deletion.first, [202, 204], "first DELETE");
    const bad = deletion.exchanges
      .slice(1)
      .filter((exchange) => statusProblems(exchange, [202, 204]).length > 0);
    problems.push(...bad.map((exchange) => `a repeated DELETE answered ${describeExchange(exchange)}`));
    assertNoProblems(problems, problems.length > 0 ? [...deletion.exchanges] : []);
    return `deleted after ${deletion.exchanges.length} DELETE(s), ${seconds(deletion.elapsedMs)}`;
  },
};

export const DEL_204_REPEAT: CheckSpec<V09Suite> = {
  id: "DEL-204-REPEAT",
  title: "DELETE of a resource that is already deleted answers 204",
  clause: "§1 Status codes (204: deleted or never existed)",
  level: "core",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "DEL-202-OR-204");
    const { session } = await suite.main();
    const again = await session.delete();
    assertNoProblems(statusProblems(again, [204], "second DELETE"), [again]);
  },
};

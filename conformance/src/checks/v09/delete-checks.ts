import type { CheckSpec } from "../../check.js";
import { assertNoProblems, CheckFailure, HarnessError } from "../../check.js";
import { describeExchange } from "../../exchange.js";
import { seconds, type V09Suite } from "../../suites/v09-suite.js";
import { settledIn200, skipUnlessDeleted, statusProblems } from "../expect.js";

export const DEL_202_OR_204: CheckSpec<V09Suite> = {
  id: "DEL-202-OR-204",
  title: "DELETE of an existing resource answers 202 (in progress) or 204, and repeating it ends in 204",
  clause:
    "DELETE 202: The resource is being deallocated. The caller should repeat the request to determine the status.",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    if (deletion.gaveUp) {
      throw new HarnessError(
        `DELETE of the main resource still answered 202 after ${seconds(deletion.elapsedMs)}; raise --timeout`,
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
  clause: "Repeated calls to deallocate an already deallocated resource is explicitly not an error.",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "DEL-202-OR-204");
    const { session } = await suite.main();
    const again = await session.delete();
    assertNoProblems(statusProblems(again, [204], "second DELETE"), [again]);
  },
};

export const RECREATE_AFTER_DELETE: CheckSpec<V09Suite> = {
  id: "RECREATE-AFTER-DELETE",
  title:
    "After its DELETE answered 204, the same PUT on the same GUResID provisions the resource again, ends in 200 with OutputData, and that resource can be deleted",
  clause: "PUT: Creates or updates a resource",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "DEL-202-OR-204");
    const { create: again, deletion: secondDeletion } = await suite.recreated();
    const bad = again.exchanges.filter((exchange) => statusProblems(exchange, [202, 200]).length > 0);
    assertNoProblems(
      bad.map(
        (exchange) => `the PUT after deletion answered ${describeExchange(exchange)}, expected 202 or 200`,
      ),
      bad,
    );
    const note = settledIn200(again, "PUT", "the re-create still answered 202");
    // A driver answering from what it remembers of the deleted resource cannot delete it again.
    if (secondDeletion && secondDeletion.outcome !== "deleted") {
      throw new CheckFailure(
        `the re-created resource could not be deleted (${secondDeletion.detail}): the PUT answered for a resource that does not exist`,
        [again.final],
      );
    }
    return `re-created after ${note}, and deleted again`;
  },
};

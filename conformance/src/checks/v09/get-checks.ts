import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { progressHintProblems } from "../../shapes/progress-hint.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { skipUnlessDeleted, statusProblems } from "../expect.js";
import { outputDifferences } from "./outputs-equal.js";

/** 405 is how a driver says it does not offer GET (Humanitec's status-code page). */
function skipWhenGetUnsupported(exchange: Exchange): void {
  if (statusOf(exchange) === 405) throw new SkipCheck("the driver does not offer GET (405)");
}

export const GET_202_IN_PROGRESS: CheckSpec<V09Suite> = {
  id: "GET-202-IN-PROGRESS",
  title: "GET while a create is in progress answers 202 with an AsyncProgressHint (or 200 once ready)",
  clause:
    "GET 202: The resource is being provisioned, updated, or deleted. The caller should repeat the request to determine the status.",
  source: "driver-api-0.9",
  level: "contract",
  features: ["get"],
  async run(suite) {
    const { getProbe } = await suite.main();
    if (typeof getProbe === "string") throw new SkipCheck(`no GET was sent during the create: ${getProbe}`);
    skipWhenGetUnsupported(getProbe);
    const problems = statusProblems(getProbe, [202, 200], "GET during the create");
    if (problems.length === 0 && statusOf(getProbe) === 202) {
      problems.push(...progressHintProblems(jsonOf(getProbe)).map((problem) => `202 body: ${problem}`));
    }
    assertNoProblems(problems, [getProbe]);
    return describeExchange(getProbe);
  },
};

export const GET_200_READY: CheckSpec<V09Suite> = {
  id: "GET-200-READY",
  title: "GET on a ready resource answers 200 with the same OutputData as the PUT and changes nothing",
  clause: "GET: This request does not apply any changes and only reports the current state of the resource.",
  source: "driver-api-0.9",
  level: "contract",
  features: ["get"],
  async run(suite) {
    const ready = await suite.mainReady();
    const get = await ready.session.get();
    skipWhenGetUnsupported(get);
    const problems = statusProblems(get, [200], "GET on the ready resource");
    if (problems.length === 0) {
      const differences = outputDifferences(ready.outputs, jsonOf(get));
      if (differences.length > 0)
        problems.push(`GET outputs differ from the PUT's in ${differences.join(", ")}`);
    }
    assertNoProblems(problems, [get]);
  },
};

export const GET_404_DELETED: CheckSpec<V09Suite> = {
  id: "GET-404-DELETED",
  title: "GET after a DELETE answered 204 answers 404",
  clause:
    "For the GET endpoint, it [404] signifies that the requested resource is not found or has been deleted already.",
  source: "status-codes",
  level: "contract",
  features: ["get"],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "DEL-202-OR-204");
    const { session } = await suite.main();
    const get = await session.get();
    skipWhenGetUnsupported(get);
    assertNoProblems(statusProblems(get, [404], "GET after deletion"), [get]);
  },
};

import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { describeExchange, statusOf } from "../../exchange.js";
import { newResourceId } from "../../resource-ids.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { statusProblems } from "../expect.js";

export const DEL_204_UNKNOWN: CheckSpec<V09Suite> = {
  id: "DEL-204-UNKNOWN",
  title: "DELETE of a GUResID that never existed answers 204 (never 404)",
  clause:
    "For the DELETE endpoint, this code [204] indicates that the resource has been successfully deleted or wasn't found.",
  source: "status-codes",
  level: "contract",
  features: [],
  async run(suite) {
    const del = await suite.session(newResourceId()).delete();
    assertNoProblems(statusProblems(del, [204], "DELETE of an unknown id"), [del]);
  },
};

export const GET_404_UNKNOWN: CheckSpec<V09Suite> = {
  id: "GET-404-UNKNOWN",
  title:
    "GET of a GUResID that was never created answers 404 (or 405 when the driver offers no GET) and creates nothing",
  clause:
    "GET 404: The resource is not found. That usually means that the resource hasn't been provisioned yet, or has been deleted already.",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const session = suite.newSession();
    const get = await session.get();
    if (statusOf(get) === 404 || statusOf(get) === 405) suite.env.registry.forget(session.id);
    assertNoProblems(statusProblems(get, [404, 405], "GET of an unknown id"), [get]);
    return statusOf(get) === 405
      ? `${describeExchange(get)}: GET not offered, which the status-code page allows`
      : describeExchange(get);
  },
};

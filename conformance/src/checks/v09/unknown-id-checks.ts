import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { statusOf } from "../../exchange.js";
import { newResourceId } from "../../resource-ids.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { errorAnswerProblems, statusProblems } from "../expect.js";

export const DEL_204_UNKNOWN: CheckSpec<V09Suite> = {
  id: "DEL-204-UNKNOWN",
  title: "DELETE of a GUResID that never existed answers 204 (never 404)",
  clause: "§1 Status codes (204)",
  level: "core",
  features: [],
  async run(suite) {
    const del = await suite.session(newResourceId()).delete();
    assertNoProblems(statusProblems(del, [204], "DELETE of an unknown id"), [del]);
  },
};

export const GET_404_UNKNOWN: CheckSpec<V09Suite> = {
  id: "GET-404-UNKNOWN",
  title: "GET of a GUResID that was never created answers 404 with an Error body and creates nothing",
  clause: "§1 Status codes (404)",
  level: "core",
  features: [],
  async run(suite) {
    const session = suite.newSession();
    const get = await session.get();
    if (statusOf(get) === 404) suite.env.registry.forget(session.id);
    assertNoProblems(errorAnswerProblems(get, 404, "GET of an unknown id"), [get]);
  },
};

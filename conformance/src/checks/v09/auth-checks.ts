import type { CheckSpec } from "../../check.js";
import { statusOf, type Exchange } from "../../exchange.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { assertErrorAnswers } from "../expect.js";

export const AUTH_401_V09: CheckSpec<V09Suite> = {
  id: "AUTH-401",
  title: "PUT, GET and DELETE without credentials or with a wrong bearer token answer 401 with an Error body",
  clause:
    "Humanitec documents no caller authentication for drivers; a driver that checks a token should refuse requests without it",
  source: "kit",
  level: "recommendation",
  features: ["auth"],
  async run(suite) {
    const session = suite.newSession();
    // The run's own credential with a tail added: a token that is wrong, or a JWT whose signature breaks.
    const wrong = { bearer: `${(await suite.env.options.credentials?.bearer()) ?? ""}-not-the-token` };
    const attempts: [Exchange, string][] = [
      [await session.put(suite.body(), { auth: "none" }), "PUT without credentials"],
      [await session.put(suite.body(), { auth: wrong }), "PUT with a wrong token"],
      [await session.get({ auth: "none" }), "GET without credentials"],
      [await session.delete({ auth: "none" }), "DELETE without credentials"],
    ];
    const puts = attempts.slice(0, 2).map(([exchange]) => exchange);
    if (puts.every((exchange) => statusOf(exchange) === 401)) suite.env.registry.forget(session.id);
    assertErrorAnswers(attempts, 401);
  },
};

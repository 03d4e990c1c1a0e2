import type { CheckSpec } from "../../check.js";
import { statusOf, type Exchange } from "../../exchange.js";
import type { SeedSuite } from "../../suites/seed-suite.js";
import { assertErrorAnswers } from "../expect.js";

export const AUTH_401_SEED: CheckSpec<SeedSuite> = {
  id: "AUTH-401",
  title: "POST and DELETE without credentials or with a wrong bearer token answer 401 with an Error body",
  clause:
    "Humanitec documents no caller authentication for drivers; a driver that checks a token should refuse requests without it",
  source: "kit",
  level: "recommendation",
  features: ["auth"],
  async run(suite) {
    const id = suite.newId();
    const body = suite.postBody(id);
    // The run's own credential with a tail added: a token that is wrong, or a JWT whose signature breaks.
    const wrong = { bearer: `${(await suite.env.options.credentials?.bearer()) ?? ""}-not-the-token` };
    const attempts: [Exchange, string][] = [
      [await suite.post(body, "none"), "POST without credentials"],
      [await suite.post(body, wrong), "POST with a wrong token"],
      [await suite.delete(id, "none"), "DELETE without credentials"],
    ];
    if (attempts.slice(0, 2).every(([exchange]) => statusOf(exchange) === 401)) suite.env.registry.forget(id);
    assertErrorAnswers(attempts, 401);
  },
};

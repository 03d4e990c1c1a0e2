import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { statusOf, type Exchange } from "../../exchange.js";
import type { SeedSuite } from "../../suites/seed-suite.js";
import { errorAnswerProblems } from "../expect.js";

export const SEED_POST_422_MALFORMED: CheckSpec<SeedSuite> = {
  id: "SEED-POST-422-MALFORMED",
  title:
    "POST / with a body that is not JSON, is a JSON array or has a field of the wrong type answers 422 with an Error body",
  clause: "§2 Seed-era profile (malformed body: 422)",
  level: "core",
  features: [],
  async run(suite) {
    const id = suite.newId();
    const valid = suite.postBody(id);
    const cases = [
      { label: "a body that is not JSON", body: '{"id": "x", "type": ' },
      { label: "a JSON array", body: JSON.stringify([valid]) },
      { label: "a number as id", body: JSON.stringify({ ...valid, id: 42 }) },
      { label: "a string as driver_params", body: JSON.stringify({ ...valid, driver_params: "values" }) },
    ];
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    let created = false;
    for (const { label, body } of cases) {
      const post = await suite.post(body);
      created ||= statusOf(post) === 200;
      const found = errorAnswerProblems(post, 422, `POST with ${label}`);
      if (found.length > 0) evidence.push(post);
      problems.push(...found);
    }
    if (!created) suite.env.registry.forget(id);
    assertNoProblems(problems, evidence);
  },
};

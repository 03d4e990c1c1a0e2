import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { describeExchange, responseOf, statusOf, type Exchange } from "../../exchange.js";
import { invalidResourceIds } from "../../resource-ids.js";
import { asksToRetry, type SeedSuite } from "../../suites/seed-suite.js";
import { errorAnswerProblems, statusProblems } from "../expect.js";

const MALFORMED = "POST / 422: Malformed ResourceDriverDefinition obejct";

export const SEED_POST_422_MALFORMED: CheckSpec<SeedSuite> = {
  id: "SEED-POST-422-MALFORMED",
  title: "POST / with a body that is not JSON, is a JSON array or has a field of the wrong type answers 422",
  clause: MALFORMED,
  source: "driver-api-2020",
  level: "contract",
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
      const found = errorAnswerProblems(post, 422, `POST with ${label}`, "none");
      if (found.length > 0) evidence.push(post);
      problems.push(...found);
    }
    if (created) await suite.env.registry.release(id);
    else suite.env.registry.forget(id);
    assertNoProblems(problems, evidence);
  },
};

export const SEED_ID_INVALID: CheckSpec<SeedSuite> = {
  id: "SEED-ID-INVALID",
  title:
    "POST / with an id breaking Humanitec's ID rule (uppercase, underscore, too short, leading hyphen) answers 422 (or 400) and creates nothing",
  clause: "ID: IDs in Humanitec must match this regex: `/^[a-z0-9][a-z0-9-]+[a-z0-9]$/`; " + MALFORMED,
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    for (const { label, id } of invalidResourceIds()) {
      const post = await suite.post(suite.postBody(id));
      if (statusOf(post) === 200) {
        // Accepted against the rule: it may exist now, so teardown must try to remove it.
        suite.env.registry.track(id, async () => {
          const deletion = await suite.deleteUntilDone(id);
          return {
            id,
            outcome: statusOf(deletion.final) === 204 ? "deleted" : "left-behind",
            detail: describeExchange(deletion.final),
          };
        });
      }
      const found = statusProblems(post, [422, 400], `POST with ${label} id ${JSON.stringify(id)}`);
      if (found.length > 0) evidence.push(post);
      problems.push(...found);
    }
    assertNoProblems(problems, evidence);
  },
};

export const SEED_INPUTS_INVALID: CheckSpec<SeedSuite> = {
  id: "SEED-INPUTS-INVALID",
  title:
    "POST / with missing driver_params or an account of the wrong shape answers 200, 400 or 422, never 5xx or a dropped connection",
  clause:
    "POST / 400: Unable to create, update or find resource. E.g. unsupported type.; 422: Malformed ResourceDriverDefinition obejct",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    const { driver } = suite.inputs;
    const cases = [
      { label: "no driver_params", driver: { values: {}, secrets: driver.secrets }, drop: "driver_params" },
      {
        label: "an account that is a string",
        driver: { values: driver.values, secrets: { ...driver.secrets, account: "not-an-account" } },
      },
      {
        label: "an account whose credentials are numbers",
        driver: {
          values: driver.values,
          secrets: { ...driver.secrets, account: { aws_access_key_id: 42, aws_secret_access_key: 7 } },
        },
      },
    ];
    let accepted = 0;
    for (const item of cases) {
      const id = suite.newId();
      const body: Record<string, unknown> = suite.postBody(id, { driver: item.driver });
      if (item.drop) delete body[item.drop];
      const post = await suite.post(body);
      if (statusOf(post) === 200) {
        accepted += 1;
        await suite.env.registry.release(id);
      } else if (responseOf(post) !== undefined && !asksToRetry(post)) {
        suite.env.registry.forget(id);
      }
      const found = statusProblems(post, [200, 400, 422], `POST with ${item.label}`);
      if (found.length > 0) evidence.push(post);
      problems.push(...found);
    }
    assertNoProblems(problems, evidence);
    return `${accepted} of ${cases.length} accepted and deleted again`;
  },
};

import { accountCredentials } from "../../account-credentials.js";
import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { SET_COOKIE_HEADER } from "../../cookie-jar.js";
import { describeExchange, responseOf, type Exchange, type ResponseOutcome } from "../../exchange.js";
import { ownSecretKeys } from "../../resource-types.js";
import { leakedSources } from "../../secrets.js";
import { isPlainObject } from "../../shapes/json.js";
import type { Suite } from "../../suites/suite.js";
import { graded } from "./variant.js";

/**
 * The body to scan, without the type's own secret outputs of a 200 answer: an s3 resource's
 * aws_secret_access_key in resource.secrets is what the type defines, even when it is the account's.
 */
function scannedBody(suite: Suite, response: ResponseOutcome): { text: string; excluded: number } {
  const body = response.json;
  const holder = suite.profile === "2020" ? "data" : "resource";
  if (response.status !== 200 || !isPlainObject(body) || !isPlainObject(body[holder])) {
    return { text: response.text, excluded: 0 };
  }
  const outputs = body[holder];
  if (!isPlainObject(outputs.secrets)) return { text: response.text, excluded: 0 };
  const own = new Set(ownSecretKeys(suite.env.options.inputs.type, outputs.secrets));
  const kept = Object.fromEntries(Object.entries(outputs.secrets).filter(([key]) => !own.has(key)));
  const excluded = Object.keys(outputs.secrets).length - Object.keys(kept).length;
  return { text: JSON.stringify({ ...body, [holder]: { ...outputs, secrets: kept } }), excluded };
}

export const ACCOUNT_NOT_READABLE: CheckSpec<Suite> = {
  id: "ACCOUNT-NOT-READABLE",
  title:
    "The account credentials sent never come back readably (plain, base64, hex or URL-encoded) outside the type's own secret outputs: in no cookie, other header, error, progress or OutputData body",
  clause:
    'v0.9 carries the account in driver.secrets ("May contain secrets."); the kit never hands it back in the clear',
  source: "kit",
  level: "recommendation",
  features: ["account"],
  async run(suite) {
    await suite.exercise();
    const credentials = accountCredentials(suite.env.options.inputs, suite.profile);
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    let answers = 0;
    let cookies = 0;
    let ownOutputs = 0;
    for (const exchange of suite.env.log.all()) {
      const response = responseOf(exchange);
      if (!response) continue;
      answers += 1;
      const places = Object.entries(response.headers).map(([name, value]) => ({
        where: name === SET_COOKIE_HEADER ? "the Set-Humanitec-Driver-Cookie" : `the header ${name}`,
        text: value,
      }));
      if (response.headers[SET_COOKIE_HEADER]) cookies += 1;
      const scanned = scannedBody(suite, response);
      ownOutputs += scanned.excluded > 0 ? 1 : 0;
      places.push({ where: "the body", text: scanned.text });
      const found = places.flatMap(({ where, text }) => {
        const sources = leakedSources(text, credentials);
        return sources.length > 0 ? [`${where} holds ${sources.join(", ")}`] : [];
      });
      if (found.length > 0) evidence.push(exchange);
      problems.push(...found.map((problem) => `${describeExchange(exchange)}: ${problem}`));
    }
    assertNoProblems(problems, evidence);
    const own =
      ownOutputs > 0 ? `; the type's own secret outputs of ${ownOutputs} OutputData left aside` : "";
    return `${credentials.length} account credential(s) looked for in ${answers} answers, ${cookies} of them with a cookie${own}`;
  },
};

/** The 2020 text states it: driver_secrets "should be treated as secret information". */
export const ACCOUNT_NOT_READABLE_SEED = graded(ACCOUNT_NOT_READABLE, {
  source: "driver-api-2020",
  clause:
    "driver_secrets: they should be treated as secret information. For example, they could hold credentials to access oher systems.",
});

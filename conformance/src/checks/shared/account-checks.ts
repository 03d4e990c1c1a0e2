import { accountCredentials } from "../../account-credentials.js";
import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { SET_COOKIE_HEADER } from "../../cookie-jar.js";
import { describeExchange, responseOf, type Exchange } from "../../exchange.js";
import { leakedSources } from "../../secrets.js";
import type { Suite } from "../../suites/suite.js";

export const ACCOUNT_NOT_READABLE: CheckSpec<Suite> = {
  id: "ACCOUNT-NOT-READABLE",
  title:
    "The account credentials sent never come back readably: in no driver cookie, other header or body, plain, base64, hex or URL-encoded",
  clause: "§1 Driver cookie: never plaintext credentials (driver.secrets.account)",
  level: "core",
  features: ["account"],
  async run(suite) {
    await suite.exercise();
    const credentials = accountCredentials(suite.env.options.inputs, suite.profile);
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    let answers = 0;
    let cookies = 0;
    for (const exchange of suite.env.log.all()) {
      const response = responseOf(exchange);
      if (!response) continue;
      answers += 1;
      const places = Object.entries(response.headers).map(([name, value]) => ({
        where: name === SET_COOKIE_HEADER ? "the Set-Humanitec-Driver-Cookie" : `the header ${name}`,
        text: value,
      }));
      if (response.headers[SET_COOKIE_HEADER]) cookies += 1;
      places.push({ where: "the body", text: response.text });
      const found = places.flatMap(({ where, text }) => {
        const sources = leakedSources(text, credentials);
        return sources.length > 0 ? [`${where} holds ${sources.join(", ")}`] : [];
      });
      if (found.length > 0) evidence.push(exchange);
      problems.push(...found.map((problem) => `${describeExchange(exchange)}: ${problem}`));
    }
    assertNoProblems(problems, evidence);
    return `${credentials.length} account credential(s) looked for in ${answers} answers, ${cookies} of them with a cookie`;
  },
};

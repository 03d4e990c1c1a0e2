import { CheckFailure } from "../check.js";
import { describeExchange, responseOf, type Exchange, type ResponseOutcome } from "../exchange.js";
import { errorBodyProblems } from "../shapes/error-body.js";

/** The response, or a failure: a driver that does not answer within the bound breaks the contract. */
export function answered(exchange: Exchange): ResponseOutcome {
  const response = responseOf(exchange);
  if (!response) throw new CheckFailure(describeExchange(exchange), [exchange]);
  return response;
}

/** Problems when the answer's status is not one of `allowed`. */
export function statusProblems(exchange: Exchange, allowed: readonly number[], label = ""): string[] {
  const response = responseOf(exchange);
  const prefix = label ? `${label}: ` : "";
  if (!response) return [`${prefix}${describeExchange(exchange)}`];
  return allowed.includes(response.status)
    ? []
    : [`${prefix}${describeExchange(exchange)}, expected ${allowed.join(" or ")}`];
}

/** Problems when the answer is not `status` with an Error body. */
export function errorAnswerProblems(exchange: Exchange, status: number, label: string): string[] {
  const problems = statusProblems(exchange, [status], label);
  const response = responseOf(exchange);
  if (problems.length > 0 || !response) return problems;
  return errorBodyProblems(response).map((problem) => `${label}: Error body: ${problem}`);
}

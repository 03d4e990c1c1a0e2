import { assertNoProblems, CheckFailure, HarnessError, SkipCheck } from "../check.js";
import { describeExchange, responseOf, statusOf, type Exchange, type ResponseOutcome } from "../exchange.js";
import type { Operation } from "../polling.js";
import { errorBodyProblems, specErrorBodyProblems } from "../shapes/error-body.js";
import { isPlainObject } from "../shapes/json.js";
import { seconds } from "../suites/v09-suite.js";

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

/**
 * Which Error body an answer must carry: the 0.9 spec's (`spec`), this kit's stricter one (`kit`), or
 * none at all (the 2020 text defines no error body).
 */
export type ErrorShape = "spec" | "kit" | "none";

/** Problems when the answer is not one of `statuses` with the Error body `shape` asks for. */
export function errorAnswerProblems(
  exchange: Exchange,
  status: number | readonly number[],
  label: string,
  shape: ErrorShape = "kit",
): string[] {
  const problems = statusProblems(exchange, typeof status === "number" ? [status] : status, label);
  const response = responseOf(exchange);
  if (problems.length > 0 || !response || shape === "none") return problems;
  const found = shape === "spec" ? specErrorBodyProblems(response) : errorBodyProblems(response);
  return found.map((problem) => `${label}: Error body: ${problem}`);
}

/**
 * The verdict on a create polled to its end: it must have settled (else the harness waited too
 * little) in a 200 whose body is a JSON object. Returns a one-line note for the pass.
 */
export function settledIn200(create: Operation, request: "PUT" | "POST", stillRunning: string): string {
  if (create.gaveUp)
    throw new HarnessError(`${stillRunning} after ${seconds(create.elapsedMs)}; raise --timeout`);
  const response = answered(create.final);
  if (response.status !== 200) {
    throw new CheckFailure(`the ${request} ended with ${describeExchange(create.final)}, expected 200`, [
      create.final,
    ]);
  }
  if (!isPlainObject(response.json))
    throw new CheckFailure("the 200 body is not a JSON object", [create.final]);
  return `${create.exchanges.length} ${request}(s), ${seconds(create.elapsedMs)}`;
}

/** Fails with every answer that is not `status` with an Error body, each answer labelled. */
export function assertErrorAnswers(
  attempts: readonly (readonly [Exchange, string])[],
  status: number | readonly number[],
  shape: ErrorShape = "kit",
): void {
  const problems: string[] = [];
  const evidence: Exchange[] = [];
  for (const [exchange, label] of attempts) {
    const found = errorAnswerProblems(exchange, status, label, shape);
    if (found.length > 0) evidence.push(exchange);
    problems.push(...found);
  }
  assertNoProblems(problems, evidence);
}

/** Skips a check about a deleted resource when the deletion it builds on did not end in 204. */
export function skipUnlessDeleted(deletion: Operation, seeCheck: string): void {
  if (statusOf(deletion.final) !== 204) {
    throw new SkipCheck(
      `the resource was not deleted: ${describeExchange(deletion.final)} (see ${seeCheck})`,
    );
  }
}

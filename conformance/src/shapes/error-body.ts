import type { ResponseOutcome } from "../exchange.js";
import { isPlainObject, stringLeaves } from "./json.js";

export const ERROR_CODE_PATTERN = /^RES-1[0-9][0-9]$/;

/** Lines of a JavaScript/Java/Python stack trace, or an `XxxError:` dump, anywhere in a body. */
const STACK_TRACE_PATTERNS = [
  /^\s+at\s+\S/m,
  /\b[A-Za-z]*(?:Error|Exception): /,
  /Traceback \(most recent call last\)/,
];

/**
 * Problems with an Error body as the 0.9 spec defines it: an object whose `error` "is always prefixed
 * with `RES-1`" and whose `message` is a string. (The spec's pattern `$RES-1[0-9][0-9]^` has its
 * anchors swapped and matches nothing, so the prefix its description states is what is checked.)
 */
export function specErrorBodyProblems(response: ResponseOutcome): string[] {
  const body = response.json;
  if (!isPlainObject(body)) return [`the body is not a JSON object (${describeBody(response.text)})`];
  const problems: string[] = [];
  if (typeof body.error !== "string" || !body.error.startsWith("RES-1"))
    problems.push(
      `"error" is ${JSON.stringify(body.error) ?? "missing"}, expected a code prefixed with RES-1`,
    );
  if (typeof body.message !== "string") problems.push(`"message" must be a string`);
  return problems;
}

/** Problems with an Error body as this kit recommends it: `{"error": "RES-1xx", "message": "...", "details"?: {...}}` and no internals. */
export function errorBodyProblems(response: ResponseOutcome): string[] {
  const problems: string[] = [];
  const body = response.json;
  if (!isPlainObject(body)) {
    problems.push(`the body is not a JSON object (${describeBody(response.text)})`);
  } else {
    if (typeof body.error !== "string" || !ERROR_CODE_PATTERN.test(body.error)) {
      problems.push(
        `"error" is ${JSON.stringify(body.error) ?? "missing"}, expected a code matching ^RES-1[0-9][0-9]$`,
      );
    }
    if (typeof body.message !== "string" || body.message.trim() === "") {
      problems.push(`"message" must be a non-empty string`);
    }
    if (body.details !== undefined && !isPlainObject(body.details)) {
      problems.push(`"details", when present, must be an object`);
    }
  }
  // JSON escapes the newlines of a trace, so the decoded strings are checked as well as the raw text.
  const texts = [response.text, ...stringLeaves(body).map((leaf) => leaf.value)];
  if (texts.some((text) => STACK_TRACE_PATTERNS.some((pattern) => pattern.test(text)))) {
    problems.push("the body contains a stack trace or an error dump");
  }
  return problems;
}

export function describeBody(text: string): string {
  if (text.trim() === "") return "empty";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${JSON.stringify(flat.slice(0, 80))}…` : JSON.stringify(flat);
}

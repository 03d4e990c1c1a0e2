import { isPlainObject } from "./json.js";

export const PROGRESS_STATUSES = ["creating", "updating", "deleting"] as const;
const TIME_FIELDS = ["estimated_completion_time", "timeout", "current_time"] as const;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function isIsoDateTime(value: unknown): boolean {
  return typeof value === "string" && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

/** Problems with an AsyncProgressHint: every field optional, `{}` valid. */
export function progressHintProblems(body: unknown): string[] {
  if (!isPlainObject(body)) return ["the body is not a JSON object (an AsyncProgressHint; `{}` is valid)"];
  const problems: string[] = [];
  if (body.status !== undefined && !(PROGRESS_STATUSES as readonly unknown[]).includes(body.status)) {
    problems.push(
      `"status" is ${JSON.stringify(body.status)}, expected one of ${PROGRESS_STATUSES.join("|")}`,
    );
  }
  for (const field of TIME_FIELDS) {
    const value = body[field];
    if (value !== undefined && !isIsoDateTime(value)) {
      problems.push(`"${field}" is ${JSON.stringify(value)}, expected an ISO 8601 date-time`);
    }
  }
  return problems;
}

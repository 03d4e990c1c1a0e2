import { z } from "zod";
import { AppError } from "./app-error.js";

/** Largest value PUT /api/keys/:key accepts, in UTF-8 bytes. */
export const MAX_VALUE_BYTES = 64 * 1024;
export const MAX_KEY_LENGTH = 128;

const KEY_PATTERN = /^[A-Za-z0-9._:-]+$/;
const KEY_RULE = `1-${MAX_KEY_LENGTH} characters of letters, digits, ".", "_", "-" or ":"`;

/** Checks a key from the URL path; the app stores it under its own prefix. */
export function validateKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new AppError(
      "APP-101",
      `key: must be ${KEY_RULE}; got ${JSON.stringify(key.slice(0, 40))}${key.length > 40 ? "..." : ""} (${key.length} characters)`,
    );
  }
  return key;
}

const EXAMPLE = 'send a JSON object like {"value": "hello"}';

const ValueBody = z.strictObject({
  value: z.string({
    error: (issue) =>
      issue.input === undefined
        ? `value: required; ${EXAMPLE}`
        : `value: must be a string, got ${issue.input === null ? "null" : typeof issue.input}; ${EXAMPLE}`,
  }),
});

/** Checks the PUT body and returns the value to store. */
export function parseValueBody(body: unknown): string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("APP-102", `body: must be a JSON object; ${EXAMPLE}`);
  }
  const parsed = ValueBody.safeParse(body);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) =>
      issue.code === "unrecognized_keys"
        ? `body: unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}; only "value" is accepted`
        : issue.message,
    );
    throw new AppError("APP-102", messages.join("; "));
  }
  const bytes = Buffer.byteLength(parsed.data.value, "utf8");
  if (bytes > MAX_VALUE_BYTES) {
    throw new AppError(
      "APP-103",
      `value: ${bytes} bytes is more than the limit of ${MAX_VALUE_BYTES} bytes (UTF-8); store a smaller value`,
    );
  }
  return parsed.data.value;
}

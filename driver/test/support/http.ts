import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A fresh GUResID shaped like Humanitec's (40 lowercase hex characters). */
export const newGuresid = () => randomBytes(20).toString("hex");

export async function call(
  url: string,
  init: { method: string; body?: unknown; raw?: string; headers?: Record<string, string> },
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    ...init.headers,
  };
  const response = await fetch(url, {
    method: init.method,
    headers,
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Repeats the same request while it answers 202, as Humanitec does; bounded by `timeoutMs`. */
export async function pollWhile202(
  url: string,
  init: Parameters<typeof call>[1],
  timeoutMs = 30_000,
): Promise<{ last: Answer; answers: Answer[] }> {
  const deadline = Date.now() + timeoutMs;
  const answers: Answer[] = [];
  for (;;) {
    const answer = await call(url, init);
    answers.push(answer);
    if (answer.status !== 202) return { last: answer, answers };
    if (Date.now() > deadline) throw new Error(`still 202 after ${timeoutMs} ms: ${answer.text}`);
    await sleep(25);
  }
}

export const inputData = (values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: "redis",
  driver: { values, secrets: {} },
  ...extra,
});

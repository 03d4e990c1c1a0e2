export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  readonly body: unknown;
}

/** One HTTP call with a bounded wait; `body` objects are sent as JSON, strings as they are. */
export async function call(
  method: string,
  url: string,
  options: { body?: unknown; contentType?: string } = {},
): Promise<HttpResult> {
  const { body, contentType } = options;
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    headers["content-type"] = contentType ?? "application/json";
  }
  const response = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

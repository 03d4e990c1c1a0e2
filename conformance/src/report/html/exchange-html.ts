import type { ExchangeExcerpt } from "../../redact.js";
import { escapeHtml } from "./escape-html.js";

/** e.g. `#12 PUT /1a2b… → 202`, with the full path kept in the page. */
function exchangeHeadline(exchange: ExchangeExcerpt): string {
  const answer =
    exchange.outcome === "response" ? String(exchange.status) : (exchange.message ?? exchange.outcome);
  return `#${exchange.seq} ${exchange.method} ${exchange.path} → ${answer}`;
}

function headerLines(headers: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

/** A JSON body indented for reading; anything else (or a cut body) as it is. */
function readableBody(body: string | undefined): string {
  if (body === undefined || body === "") return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function message(headers: string, body: string): string {
  return escapeHtml(body === "" ? headers : `${headers}\n\n${body}`);
}

/** One request and its answer, already redacted, as a disclosure widget that needs no script. */
export function exchangeHtml(exchange: ExchangeExcerpt, open: boolean): string {
  const status = exchange.status === undefined ? "none" : `${Math.floor(exchange.status / 100)}xx`;
  const response =
    exchange.outcome === "response"
      ? message(headerLines(exchange.responseHeaders), readableBody(exchange.responseBody))
      : escapeHtml(exchange.message ?? exchange.outcome);
  return [
    `<details class="exchange"${open ? " open" : ""} data-seq="${exchange.seq}">`,
    `<summary><code class="answer-${status}">${escapeHtml(exchangeHeadline(exchange))}</code> <span class="muted">${exchange.durationMs} ms, sent during ${escapeHtml(exchange.check)}</span></summary>`,
    `<div class="exchange-parts">`,
    `<div><h5>Request</h5><pre>${message(headerLines(exchange.requestHeaders), readableBody(exchange.requestBody))}</pre></div>`,
    `<div><h5>Answer</h5><pre>${response}</pre></div>`,
    `</div>`,
    `</details>`,
  ].join("\n");
}

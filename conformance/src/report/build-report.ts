import type { CheckMeta, Profile } from "../check.js";
import type { Exchange } from "../exchange.js";
import type { ResolvedOptions } from "../options.js";
import { excerptExchange, REDACTED, redactSecretMembers, redactText } from "../redact.js";
import type { InventoryDiff } from "../inventory.js";
import type { TeardownResult } from "../resource-registry.js";
import type { CheckOutcome } from "../run-check.js";
import type { Sensitive } from "../secrets.js";
import {
  CHECK_STATUSES,
  type CheckResult,
  type ConformanceReport,
  type RedactedConfig,
  type StatusCounts,
} from "./report-types.js";

/** Exchanges kept per check: the first ones show how it went, the last ones how it ended. */
const HEAD_EXCHANGES = 20;
const TAIL_EXCHANGES = 5;
const MAX_EVIDENCE = 10;
const MAX_PROBLEMS = 50;

export interface ReportInput {
  readonly options: ResolvedOptions;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly checks: readonly { meta: CheckMeta; outcome: CheckOutcome }[];
  readonly exchanges: readonly Exchange[];
  readonly sensitive: readonly Sensitive[];
  readonly teardown: readonly TeardownResult[];
  readonly inventory?: InventoryDiff;
  readonly interrupted: boolean;
}

export function buildReport(input: ReportInput): ConformanceReport {
  const sensitive = input.sensitive;
  const results: CheckResult[] = input.checks.map(({ meta, outcome }) => {
    const own = input.exchanges.filter((exchange) => exchange.check === meta.id);
    const kept =
      own.length > HEAD_EXCHANGES + TAIL_EXCHANGES
        ? [...own.slice(0, HEAD_EXCHANGES), ...own.slice(-TAIL_EXCHANGES)]
        : own;
    return {
      ...meta,
      status: outcome.status,
      ...(outcome.message === undefined ? {} : { message: redactText(outcome.message, sensitive) }),
      ...(outcome.problems === undefined
        ? {}
        : { problems: capProblems(outcome.problems).map((problem) => redactText(problem, sensitive)) }),
      ...(outcome.status === "disabled" ? {} : { startedAt: outcome.startedAt }),
      durationMs: Math.round(outcome.durationMs),
      exchanges: kept.map((exchange) => excerptExchange(exchange, sensitive)),
      omittedExchanges: own.length - kept.length,
      evidence: outcome.evidence
        .slice(0, MAX_EVIDENCE)
        .map((exchange) => excerptExchange(exchange, sensitive)),
    };
  });
  const contract = countStatuses(results.filter((result) => result.level === "contract"));
  const recommendation = countStatuses(results.filter((result) => result.level === "recommendation"));
  const strict = input.options.strict;
  const clean = (counts: StatusCounts) => counts.fail === 0 && counts.error === 0;
  return {
    profile: input.options.profile,
    url: displayUrl(input.options.url),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    config: redactedConfig(input.options),
    results,
    summary: { contract, recommendation },
    strict,
    ok: clean(contract) && (!strict || clean(recommendation)) && !input.interrupted,
    interrupted: input.interrupted,
    exchangeCount: input.exchanges.length,
    teardown: input.teardown.map((item) => ({ ...item, detail: redactText(item.detail, sensitive) })),
    ...(input.inventory === undefined
      ? {}
      : {
          inventory: {
            ...input.inventory,
            added: input.inventory.added.map((line) => redactText(line, sensitive)),
            removed: input.inventory.removed.map((line) => redactText(line, sensitive)),
          },
        }),
  };
}

function capProblems(problems: readonly string[]): string[] {
  return problems.length > MAX_PROBLEMS
    ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`]
    : [...problems];
}

function countStatuses(results: readonly CheckResult[]): StatusCounts {
  const counts = Object.fromEntries(CHECK_STATUSES.map((status) => [status, 0])) as Record<
    CheckResult["status"],
    number
  >;
  for (const result of results) counts[result.status] += 1;
  return { ...counts, total: results.length };
}

/**
 * A path segment that looks like a secret target path (`openssl rand -hex 24`, a random base64url
 * string) rather than a name such as `redis-driver-2020`: 20 characters or more, and either only hex
 * digits or upper- and lower-case letters mixed with digits.
 */
function looksSecret(segment: string): boolean {
  if (!/^[A-Za-z0-9_-]{20,}$/.test(segment)) return false;
  return (
    /^[0-9a-f]+$/i.test(segment) || (/[a-z]/.test(segment) && /[A-Z]/.test(segment) && /\d/.test(segment))
  );
}

/** The driver URL as reports and logs show it: no user info, and a secret path segment as `[secret]`. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    const path = parsed.pathname
      .split("/")
      .map((segment) => (looksSecret(segment) ? "[secret]" : segment))
      .join("/");
    return `${parsed.origin}${path}${parsed.search}`;
  } catch {
    return url;
  }
}

function redactedConfig(options: ResolvedOptions): RedactedConfig {
  return {
    url: displayUrl(options.url),
    profile: options.profile satisfies Profile,
    token: options.credentials === undefined ? null : REDACTED,
    authentication: options.credentials?.description ?? "none",
    inputsSource: options.inputsSource,
    inputs: redactSecretMembers(options.inputs),
    filter: options.filter,
    disable: [...options.disable],
    timeouts: {
      requestMs: options.requestMs,
      fastMs: options.fastMs,
      operationMs: options.operationMs,
      pollIntervalMs: options.pollIntervalMs,
      checkMs: options.checkMs,
    },
    concurrency: options.concurrency,
  };
}

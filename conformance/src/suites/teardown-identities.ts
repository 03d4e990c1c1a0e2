import { statusOf, type Exchange } from "../exchange.js";
import type { TeardownResult } from "../resource-registry.js";

/** The exchanges of a run sent with `method` to one resource id's path, in order. */
export function exchangesTo(exchanges: readonly Exchange[], method: string, id: string): Exchange[] {
  const path = `/${encodeURIComponent(id)}`;
  return exchanges.filter((exchange) => exchange.method === method && exchange.path === path);
}

/**
 * A teardown result with the backend instances the driver named for its id. A re-create after a
 * DELETE names a new instance legitimately; more than one per DELETE answered 204 does not, and the
 * detail says the others may be left. `idName` is how the contract calls the id (e.g. "GUResID").
 */
export function withIdentities(
  result: TeardownResult,
  identities: readonly string[],
  exchanges: readonly Exchange[],
  idName: string,
): TeardownResult {
  const deletions = exchangesTo(exchanges, "DELETE", result.id).filter(
    (exchange) => statusOf(exchange) === 204,
  ).length;
  const several =
    result.outcome === "deleted" && identities.length > Math.max(1, deletions)
      ? `; ${identities.length} backend instances were named for this one ${idName} and ${deletions} DELETE(s) answered 204: the others may be left`
      : "";
  return { ...result, detail: `${result.detail}${several}`, identities };
}

import { invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";

/**
 * Refuses parameters this endpoint does not model, naming them, rather than accepting them and
 * behaving unlike AWS.
 */
export function refuseUnmodelled(params: QueryParams, names: readonly string[]): void {
  for (const name of names) {
    if (params.string(name) !== undefined || params.struct(name) !== undefined) {
      throw invalidValue(
        `${name}: not modelled by the local ElastiCache endpoint; leave it out (see emulator/README.md, "What it does not model").`,
      );
    }
  }
}

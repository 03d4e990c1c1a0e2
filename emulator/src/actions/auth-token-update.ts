import { sha256Hex } from "@elasticache-driver-kit/driver/local";
import { checkModifiedAuthToken } from "../model/auth-token.js";
import type { AuthTokens, ReplicationGroup } from "../model/resources.js";
import { invalidCombination, invalidValue, missingParameter } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";

/**
 * The AUTH tokens after the request, following ElastiCache's strategies: ROTATE adds the new
 * token and keeps the current one (two at most; on a group without AUTH, clients without a
 * token still get in); SET, allowed after a ROTATE or where no token exists, leaves only the new
 * one; DELETE, allowed only with UserGroupIdsToAdd, removes them on the way to RBAC.
 */
export function nextAuth(
  params: QueryParams,
  group: Pick<ReplicationGroup, "auth" | "transitEncryption">,
  addingGroups: boolean,
): AuthTokens | undefined {
  const token = params.string("AuthToken");
  const rawStrategy = params.string("AuthTokenUpdateStrategy");
  if (token === undefined && rawStrategy === undefined) return undefined;
  const strategy = (rawStrategy ?? "ROTATE").toUpperCase();
  if (strategy !== "SET" && strategy !== "ROTATE" && strategy !== "DELETE") {
    throw invalidValue(`AuthTokenUpdateStrategy: "${rawStrategy}" is not valid; use SET, ROTATE or DELETE.`);
  }
  const now = new Date();
  if (strategy === "DELETE") {
    if (token !== undefined)
      throw invalidCombination("AuthToken must not be given with AuthTokenUpdateStrategy=DELETE.");
    if (!addingGroups) {
      throw invalidCombination(
        "AuthTokenUpdateStrategy=DELETE is allowed only when moving to RBAC with UserGroupIdsToAdd.",
      );
    }
    return { sha256s: [], open: true, lastModified: now, pending: "SETTING", rotated: false };
  }
  if (token === undefined) throw missingParameter("AuthToken");
  if (!group.transitEncryption) {
    throw invalidCombination(
      "AuthToken can be specified only on replication groups where TransitEncryptionEnabled is true.",
    );
  }
  checkModifiedAuthToken("AuthToken", token);
  const sha = sha256Hex(token);
  if (strategy === "SET") {
    if (group.auth.sha256s.length > 0 && !group.auth.rotated) {
      throw invalidCombination(
        "AuthTokenUpdateStrategy=SET is allowed only after ROTATE; rotate to the new token first.",
      );
    }
    return { sha256s: [sha], open: false, lastModified: now, pending: "SETTING", rotated: false };
  }
  const kept = group.auth.sha256s.slice(-1).filter((current) => current !== sha);
  return {
    sha256s: [...kept, sha],
    open: group.auth.open,
    lastModified: now,
    pending: "ROTATING",
    rotated: true,
  };
}

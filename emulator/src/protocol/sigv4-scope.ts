import { commonFaults } from "./aws-fault.js";

export interface SigningScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const SERVICE = "elasticache";

/**
 * Checks that a request carries a Signature Version 4 `Authorization` header whose credential
 * scope names this region and ElastiCache, as AWS does before anything else. The signature itself
 * is not verified: the endpoint holds no secret keys, so any credentials are accepted.
 */
export function checkSigningScope(authorization: string | undefined, region: string): SigningScope {
  if (authorization === undefined || authorization.trim() === "") {
    throw commonFaults.missingAuthenticationToken();
  }
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(authorization.trim());
  if (!match) {
    throw commonFaults.incompleteSignature("Authorization header requires the AWS4-HMAC-SHA256 algorithm");
  }
  const fields = new Map<string, string>();
  for (const part of (match[1] ?? "").split(",")) {
    const [key, ...rest] = part.trim().split("=");
    if (key) fields.set(key, rest.join("="));
  }
  for (const required of ["Credential", "SignedHeaders", "Signature"]) {
    if (!fields.get(required)) {
      throw commonFaults.incompleteSignature(`Authorization header requires '${required}' parameter`);
    }
  }
  const scope = (fields.get("Credential") ?? "").split("/");
  const [accessKeyId, date, scopeRegion, service, terminator] = scope;
  if (
    scope.length !== 5 ||
    !accessKeyId ||
    !date ||
    !scopeRegion ||
    !service ||
    terminator !== "aws4_request"
  ) {
    throw commonFaults.incompleteSignature(
      "Authorization header requires a Credential of the form <access key>/<date>/<region>/elasticache/aws4_request",
    );
  }
  if (service !== SERVICE) {
    throw commonFaults.signatureDoesNotMatch(`Credential should be scoped to correct service: '${SERVICE}'.`);
  }
  if (scopeRegion !== region) {
    throw commonFaults.signatureDoesNotMatch(
      `Credential should be scoped to a valid region, not '${scopeRegion}'. This endpoint serves '${region}'.`,
    );
  }
  return { accessKeyId, date, region: scopeRegion, service };
}

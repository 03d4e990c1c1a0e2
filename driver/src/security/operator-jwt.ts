import type { KeyObject } from "node:crypto";
import { errors, jwtVerify, type JWTHeaderParameters } from "jose";

export interface OperatorJwtSettings {
  keys: ReadonlyMap<string, KeyObject>;
  org: string;
  clockSkewSeconds: number;
}

export type JwtVerdict = { ok: true } | { ok: false; reason: string };

/** Why jose refused a token, in words that name no secret. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim ${error.claim} is not valid (${error.reason})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm not allowed (only RS256)";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "signature does not verify";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "malformed token";
  if (error instanceof errors.JOSENotSupported) return "unsupported token";
  if (error instanceof UnknownKeyError) return error.message;
  return "not verifiable";
}

class UnknownKeyError extends Error {}

/**
 * Verifies a Humanitec Operator token: RS256 only, signed by the key its `kid` names, `orgID`
 * equal to the configured organisation, `exp` and `nbf` honoured (within the clock skew) when
 * present. Everything else (`alg: none`, HS256 keyed with the public key, an unknown `kid`, a
 * changed payload) is refused.
 */
export async function verifyOperatorJwt(token: string, settings: OperatorJwtSettings): Promise<JwtVerdict> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header: JWTHeaderParameters) => {
        const key = header.kid === undefined ? undefined : settings.keys.get(header.kid);
        if (!key) {
          throw new UnknownKeyError(
            header.kid === undefined ? "no key id (kid) in the header" : "unknown key id (kid)",
          );
        }
        return key;
      },
      { algorithms: ["RS256"], clockTolerance: settings.clockSkewSeconds },
    );
    if (payload.orgID !== settings.org) {
      return {
        ok: false,
        reason: payload.orgID === undefined ? "no orgID claim" : "orgID is another organisation",
      };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

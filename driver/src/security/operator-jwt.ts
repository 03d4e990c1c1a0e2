import type { KeyObject } from "node:crypto";
import { errors, jwtVerify, type JWTHeaderParameters } from "jose";

export interface OperatorJwtSettings {
  keys: ReadonlyMap<string, KeyObject>;
  org: string;
  clockSkewSeconds: number;
  /** The longest validity a token may claim: `exp` minus `iat` (or minus now, when `iat` is absent or ahead). */
  maxTtlSeconds: number;
}

export type JwtVerdict = { ok: true } | { ok: false; reason: string };

/** Why jose refused a token, in words that name no secret. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === "missing"
      ? `no ${error.claim} claim (the token would never expire)`
      : `claim ${error.claim} is not valid (${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm not allowed (only RS256)";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "signature does not verify";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "malformed token";
  if (error instanceof errors.JOSENotSupported) return "unsupported token";
  if (error instanceof UnknownKeyError) return error.message;
  return "not verifiable";
}

class UnknownKeyError extends Error {}

/**
 * Why a token's lifetime is refused, or undefined when it is within the maximum. The lifetime runs
 * from `iat`, or from now when `iat` is absent or in the future (so a future `iat` cannot stretch it).
 */
function lifetimeProblem(
  exp: number,
  iat: number | undefined,
  settings: OperatorJwtSettings,
): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const from = iat === undefined ? now : Math.min(iat, now);
  const lifetime = exp - from;
  if (lifetime <= settings.maxTtlSeconds + settings.clockSkewSeconds) return undefined;
  return `exp is ${lifetime} s after ${iat === undefined || iat > now ? "now" : "iat"}, beyond the ${settings.maxTtlSeconds} s the driver accepts (DRIVER_AUTH_JWT_MAX_TTL_S)`;
}

/**
 * Verifies a Humanitec Operator token: RS256 only, signed by the key its `kid` names, `orgID`
 * equal to the configured organisation, `exp` required (the Operator's tokens are valid for
 * minutes; a leaked token without one would open the driver for good) and no further away than
 * the maximum lifetime, `nbf` honoured when present (both within the clock skew). Everything else
 * (`alg: none`, HS256 keyed with the public key, an unknown `kid`, a changed payload) is refused.
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
      { algorithms: ["RS256"], clockTolerance: settings.clockSkewSeconds, requiredClaims: ["exp"] },
    );
    // jose has checked that `exp` is a number in the future and `iat`, when present, a number.
    const tooLong = lifetimeProblem(payload.exp as number, payload.iat, settings);
    if (tooLong) return { ok: false, reason: tooLong };
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

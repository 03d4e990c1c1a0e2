import { createPrivateKey, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { sensitiveLeaves, type Sensitive } from "./secrets.js";

/** How the run authenticates to the driver: the header value it sends, fresh when it must be. */
export interface Credentials {
  /** For the report: "bearer token" or "Operator JWT (kid k1, org my-org)"; never the secret. */
  readonly description: string;
  bearer(): Promise<string>;
  /** Every bearer value handed out so far: what must never show up in an answer or a report. */
  issued(): readonly string[];
}

/** What the Humanitec Operator signs with: its RSA private key, the key id the driver knows, the organisation. */
export interface OperatorJwtOptions {
  /** PEM of an RSA private key (PKCS #8 or PKCS #1). */
  readonly privateKey: string;
  readonly kid: string;
  readonly org: string;
}

/** A token's lifetime, and how long before its end a new one is signed. */
const JWT_LIFETIME_S = 300;
const JWT_RENEW_BEFORE_S = 60;

/** The bearer values a run sent, as secrets the scans look for in answers and reports. */
export function sentBearers(credentials: Credentials | undefined): Sensitive[] {
  const issued = credentials?.issued() ?? [];
  return sensitiveLeaves(
    Object.fromEntries(issued.map((value, i) => [i === 0 ? "token" : `token${i + 1}`, value])),
    "the bearer",
  );
}

export function bearerToken(token: string): Credentials {
  return { description: "bearer token", bearer: () => Promise.resolve(token), issued: () => [token] };
}

/**
 * Operator-style tokens: RS256, `kid` in the header, `orgID` in the payload, valid for five
 * minutes; one is reused until a minute before it ends, so a long run never sends an expired one.
 * Throws with the problem (never the key) when the key is not an RSA private key.
 */
export function operatorJwt(options: OperatorJwtOptions): Credentials {
  let key: KeyObject;
  try {
    key = createPrivateKey(options.privateKey);
  } catch {
    throw new Error("operatorJwt.privateKey (--jwt-key) is not a private key in PEM");
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new Error(
      `operatorJwt.privateKey (--jwt-key) is a ${key.asymmetricKeyType ?? "non-RSA"} key; RS256 needs RSA`,
    );
  }
  let current: { token: Promise<string>; renewAtMs: number } | undefined;
  const issued: string[] = [];
  return {
    description: `Operator JWT (kid ${options.kid}, org ${options.org})`,
    bearer() {
      const now = Date.now();
      if (current === undefined || now >= current.renewAtMs) {
        const issuedAt = Math.floor(now / 1000);
        current = {
          token: new SignJWT({ orgID: options.org })
            .setProtectedHeader({ alg: "RS256", kid: options.kid, typ: "JWT" })
            .setIssuedAt(issuedAt)
            .setExpirationTime(issuedAt + JWT_LIFETIME_S)
            .sign(key)
            .then((token) => {
              issued.push(token);
              return token;
            }),
          renewAtMs: now + (JWT_LIFETIME_S - JWT_RENEW_BEFORE_S) * 1000,
        };
      }
      return current.token;
    },
    issued: () => [...issued],
  };
}

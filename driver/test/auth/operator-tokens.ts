import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";

/** An RSA key pair as the Humanitec Operator holds it, with its public key as PEM. */
export interface OperatorKey {
  kid: string;
  privateKey: KeyObject;
  publicPem: string;
}

export function operatorKey(kid: string): OperatorKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, publicPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

/**
 * A token signed RS256 by `key`, with `orgID` and any other claims; issued now and expiring in 5
 * minutes by default. `null` leaves the key id, `iat` or `exp` out.
 */
export function signOperatorToken(
  key: OperatorKey,
  claims: Record<string, unknown>,
  options: {
    kid?: string | null;
    expiresIn?: string | number | null;
    issuedAt?: number | null;
    notBefore?: string | number;
  } = {},
): Promise<string> {
  const kid = options.kid === undefined ? key.kid : options.kid;
  let jwt = new SignJWT(claims).setProtectedHeader(kid === null ? { alg: "RS256" } : { alg: "RS256", kid });
  if (options.issuedAt !== null) jwt = jwt.setIssuedAt(options.issuedAt);
  if (options.expiresIn !== null) jwt = jwt.setExpirationTime(options.expiresIn ?? "5m");
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
  return jwt.sign(key.privateKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** `alg: none`: a header and payload with an empty signature. */
export const unsignedToken = (claims: Record<string, unknown>, kid: string): string =>
  `${b64({ alg: "none", kid })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 300 })}.`;

/** A valid token whose payload was changed after signing (the signature no longer matches). */
export function tamperedToken(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split(".");
  return `${header}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 300 })}.${signature}`;
}

/** HS256 keyed with the public key's PEM: the classic algorithm-confusion forgery. */
export function publicKeyAsHmacSecret(key: OperatorKey, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", kid: key.kid })
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(key.publicPem));
}

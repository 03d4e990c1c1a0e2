import { createHmac, hkdfSync } from "node:crypto";

/**
 * Derives every per-resource secret from one driver key, so no secret is ever stored and any
 * replica, before or after a restart, hands out the same password for the same resource.
 */
export class SecretDeriver {
  readonly #passwordKey: Buffer;
  readonly #cookieKey: Buffer;

  constructor(driverKey: string) {
    if (driverKey.length < 32) throw new RangeError("the driver key must be at least 32 characters");
    const ikm = Buffer.from(driverKey, "utf8");
    // Separate sub-keys: a leaked cookie key must not reveal passwords and vice versa.
    this.#passwordKey = Buffer.from(hkdfSync("sha256", ikm, "", "elasticache-driver-kit/password", 32));
    this.#cookieKey = Buffer.from(hkdfSync("sha256", ikm, "", "elasticache-driver-kit/cookie", 32));
  }

  /**
   * The resource's password for a generation (raise the generation to rotate it).
   * 64 hex characters: within ElastiCache's AUTH token rules (16-128 printable, no specials needed).
   */
  password(guresid: string, generation: number): string {
    return createHmac("sha256", this.#passwordKey).update(`${generation}\u0000${guresid}`).digest("hex");
  }

  /** Key for sealing Humanitec driver cookies. */
  cookieKey(): Buffer {
    return this.#cookieKey;
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { AccountSchema } from "../inputs/driver-inputs.js";

/** A CA certificate longer than this is not put in the cookie (it would near Humanitec's 10 KiB). */
export const MAX_CA_LENGTH = 4_096;

/**
 * What the driver remembers in Humanitec's cookie: a hint, never trusted blindly. It is sealed, so
 * it may carry the Resource Definition's account credentials for GET and DELETE, which have no body.
 */
export const CookiePayloadSchema = z.object({
  v: z.literal(1),
  /** Config hash of the inputs last answered. */
  h: z.string().max(64),
  /** Status last answered. */
  s: z.enum(["creating", "updating", "deleting", "available"]),
  /** Issued at, epoch seconds. */
  t: z.number().int(),
  /** `driver.secrets.account` of the last PUT, when it carried one. */
  a: AccountSchema.optional(),
  /**
   * With status `available`: the endpoint handed out (nothing secret) and the generation of its
   * password, so a replica that cannot look the resource up while the backend throttles can still
   * answer what was answered.
   */
  e: z
    .object({
      host: z.string().max(255),
      port: z.number().int(),
      tls: z.boolean(),
      username: z.string().max(128),
      ca: z.string().max(MAX_CA_LENGTH).optional(),
      values: z
        .record(z.string().max(64), z.union([z.string().max(1_024), z.number(), z.boolean()]))
        .optional(),
      g: z.number().int().min(0),
    })
    .optional(),
});
export type CookiePayload = z.output<typeof CookiePayloadSchema>;

export type CookieReading =
  { kind: "absent" } | { kind: "valid"; payload: CookiePayload } | { kind: "rejected"; reason: string };

const VERSION = "c1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Humanitec's limit is 10 KiB; ours stays far below it. */
export const MAX_COOKIE_LENGTH = 10 * 1024 - 1;

/**
 * Seals cookies with AES-256-GCM. The GUResID is bound as associated data, so a cookie copied
 * from another resource is rejected like a forged one.
 */
export class CookieCodec {
  /**
   * Cookies already verified, by resource and cookie text: Humanitec sends the same cookie back on
   * every poll, and authenticated decryption of an unchanged cookie always gives the same answer.
   * Bounded, so many resources or forged cookies cannot grow it.
   */
  readonly #verified = new LRUCache<string, CookieReading & { kind: "valid" }>({ max: 5_000 });

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError("cookie key must be 32 bytes");
  }

  seal(guresid: string, payload: CookiePayload): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(guresid, "utf8"));
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
  }

  open(guresid: string, header: string | undefined): CookieReading {
    if (header === undefined || header === "") return { kind: "absent" };
    const key = `${guresid} ${header}`;
    const known = this.#verified.get(key);
    if (known) return known;
    const reading = this.#decrypt(guresid, header);
    if (reading.kind === "valid") this.#verified.set(key, reading);
    return reading;
  }

  #decrypt(guresid: string, header: string): CookieReading {
    if (header.length > MAX_COOKIE_LENGTH) return { kind: "rejected", reason: "longer than 10 KiB" };
    const [version, data] = header.split(".", 2);
    if (version !== VERSION || !data) return { kind: "rejected", reason: "unknown cookie format" };
    const raw = Buffer.from(data, "base64url");
    if (raw.length <= IV_BYTES + TAG_BYTES) return { kind: "rejected", reason: "truncated" };
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(guresid, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      const parsed = CookiePayloadSchema.safeParse(JSON.parse(plain.toString("utf8")));
      return parsed.success
        ? { kind: "valid", payload: parsed.data }
        : { kind: "rejected", reason: "bad payload" };
    } catch {
      return {
        kind: "rejected",
        reason: "authentication failed (forged, corrupted or sealed with another key)",
      };
    }
  }
}

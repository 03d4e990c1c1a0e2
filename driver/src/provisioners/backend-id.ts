import { createHash } from "node:crypto";

export interface BackendIdRules {
  /** Put in front of every id, e.g. `hk` (lowercase letters and digits, a letter first). */
  prefix: string;
  /** Longest id the backend accepts (ElastiCache: 40). */
  maxLength: number;
  /** Characters of the hash part; more means fewer collisions (default 16: 80 bits in base32). */
  hashLength?: number;
}

/** ElastiCache's rules for replication groups, serverless caches, users and user groups. */
export const ELASTICACHE_ID_RULES: BackendIdRules = { prefix: "hk", maxLength: 40 };

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/**
 * The backend id of a resource, derived from its GUResID alone, so retries, restarts and other
 * replicas find the same resource with no stored state: `{prefix}-{head}-{hash}`.
 *
 * - `hash` is the start of SHA-256(GUResID) in lowercase base32: two GUResIDs share an id only if
 *   those bits collide (16 characters = 80 bits).
 * - `head` is the start of the GUResID itself (lowercase letters and digits only), so a person can
 *   match an id to its resource by eye; it is cut to fit `maxLength` and may be empty.
 * - The result starts with a letter, has only lowercase letters, digits and single hyphens, and
 *   does not end with a hyphen: ElastiCache's rules for every id it names.
 */
export function backendId(guresid: string, rules: BackendIdRules, purpose = ""): string {
  const hashLength = rules.hashLength ?? 16;
  if (!/^[a-z][a-z0-9]*$/.test(rules.prefix)) throw new RangeError(`bad id prefix ${rules.prefix}`);
  const hash = base32(createHash("sha256").update(`${purpose}\u0000${guresid}`).digest(), hashLength);
  const room = rules.maxLength - rules.prefix.length - hash.length - 2;
  if (room < 0) throw new RangeError(`ids of at most ${rules.maxLength} characters cannot hold the hash`);
  const head = guresid.replace(/[^a-z0-9]/g, "").slice(0, room);
  return head ? `${rules.prefix}-${head}-${hash}` : `${rules.prefix}-${hash}`;
}

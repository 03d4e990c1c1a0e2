/**
 * RBAC access strings, in the subset ElastiCache accepts (`on`/`off`, `~` key patterns, `&` channel
 * patterns, `+@category`, `-@category`): no passwords, no `reset`, no renamed commands.
 */

/** A resource's own user: every key, every channel, every command. */
export const FULL_ACCESS = "on ~* &* +@all";

/** The `default` user a user group must hold when the resource's user has another name: switched off. */
export const NO_ACCESS = "off -@all";

/**
 * A `shared` deployment's user: only keys and channels under its prefix, and no command of the
 * `@dangerous` category (FLUSHALL, KEYS, CONFIG, DEBUG, ...), which would reach other users' data.
 */
export function prefixAccess(keyPrefix: string): string {
  if (!/^[a-z0-9-]+:$/.test(keyPrefix)) throw new RangeError(`unsafe key prefix ${keyPrefix}`);
  return `on ~${keyPrefix}* &${keyPrefix}* +@all -@dangerous`;
}

import { USER_DENIAL_RULES } from "./restricted-commands.js";

/**
 * One ACL user of an engine as ElastiCache would configure it: the `default` user carrying the
 * AUTH token(s), or an RBAC user of an attached user group. Passwords only as SHA-256.
 */
export interface AclUser {
  name: string;
  /** Whether any password (or none) is accepted. */
  noPassword: boolean;
  passwordSha256s: readonly string[];
  /** ACL rules (an ElastiCache access string), e.g. `on ~app:* +@all`. */
  rules: string;
}

/** Full access to everything for `default`: ElastiCache's behaviour without RBAC. */
export const FULL_ACCESS = "on ~* &* +@all";

/**
 * `ACL SETUSER` arguments that make `user` exactly this, whatever it was before; the endpoint's
 * denials come last, so no rule of the user's own can lift them.
 */
export function setUserCommand(user: AclUser): string[] {
  const passwords = user.noPassword ? ["nopass"] : user.passwordSha256s.map((sha) => `#${sha}`);
  return [
    "ACL",
    "SETUSER",
    user.name,
    "reset",
    ...passwords,
    ...user.rules.trim().split(/\s+/),
    ...USER_DENIAL_RULES,
  ];
}

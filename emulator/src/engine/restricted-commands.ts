/**
 * The commands ElastiCache makes unavailable on Redis OSS engines ("Restricted commands",
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ClientConfig.RestrictedCommands.html).
 * The engines rename them to a name only the endpoint knows, so every user gets Redis' own
 * "unknown command" answer while the endpoint still uses them (CONFIG SET, SAVE).
 */
export const RESTRICTED_COMMANDS = [
  "bgrewriteaof",
  "bgsave",
  "config",
  "debug",
  "migrate",
  "replicaof",
  "save",
  "slaveof",
  "shutdown",
  "sync",
] as const;

export type RestrictedCommand = (typeof RESTRICTED_COMMANDS)[number];

/**
 * Subcommands denied to every user besides the engine's management user. ACL writes: users are
 * managed through the API (the RBAC guide's limits on access strings). ACL reads: the engine's
 * management user would show in them. Cluster topology writes: shards and replicas are managed
 * through the API. (The last two are this endpoint's choices; see the README.)
 */
export const USER_DENIED_SUBCOMMANDS = [
  "acl|setuser",
  "acl|deluser",
  "acl|load",
  "acl|save",
  "acl|list",
  "acl|users",
  "acl|getuser",
  "acl|log",
  "acl|dryrun",
  "cluster|addslots",
  "cluster|addslotsrange",
  "cluster|delslots",
  "cluster|delslotsrange",
  "cluster|flushslots",
  "cluster|setslot",
  "cluster|meet",
  "cluster|forget",
  "cluster|failover",
  "cluster|replicate",
  "cluster|reset",
  "cluster|saveconfig",
  "cluster|bumpepoch",
  "cluster|set-config-epoch",
] as const;

/** ACL rules appended to every user's own, so that nothing in an access string can lift them. */
export const USER_DENIAL_RULES: readonly string[] = USER_DENIED_SUBCOMMANDS.map((name) => `-${name}`);

/** The secret names of the restricted commands on one engine, and the redis.conf lines that set them. */
export class CommandAliases {
  constructor(private readonly secret: string) {}

  name(command: RestrictedCommand): string {
    return `${command}-${this.secret}`;
  }

  configLines(): string[] {
    return RESTRICTED_COMMANDS.map((command) => `rename-command ${command} ${this.name(command)}`);
  }
}

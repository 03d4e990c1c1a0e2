/**
 * Every AWS rule this endpoint enforces: what it is, where AWS's behaviour is recorded (an API
 * reference or user-guide page and section, or a public issue of a widely used AWS tool recording
 * live AWS behaviour), and the test that checks it. Rendered into the README by
 * `pnpm --filter @elasticache-driver-kit/emulator rules:render`; a test keeps the two equal and
 * checks that every named test exists.
 */
export interface Rule {
  /** Short, stable name. */
  id: string;
  /** What the endpoint does, in one sentence. */
  rule: string;
  /** Where AWS's behaviour is recorded. */
  source: string;
  /** The test that checks it: file (relative to the package) and test name. */
  test: { file: string; name: string };
}

const API = "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference";
const GUIDE = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg";
const TF = "https://github.com/hashicorp/terraform-provider-aws";

export const RULES: readonly Rule[] = [
  {
    id: "tag-write-modifying",
    rule: "A tag write (`AddTagsToResource`, `RemoveTagsFromResource`) on a replication group leaves it `modifying` for the modify delay; other modifications are refused meanwhile.",
    source: `${TF}/pull/40320 (tag changes move a group Modifying → Available); ${TF}/issues/48930 (the same for serverless)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "leaves a replication group modifying, and refuses tag reads and writes until it is available",
    },
  },
  {
    id: "tags-need-available-group",
    rule: "Tag reads and writes on a replication group that is not `available` answer `InvalidReplicationGroupState` (Cluster not in available state to perform tagging operations).",
    source: `${TF}/issues/30444 (writes); ${TF}/pull/44811 (ListTagsForResource)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "leaves a replication group modifying, and refuses tag reads and writes until it is available",
    },
  },
  {
    id: "tags-serverless-state",
    rule: "Tag reads and writes on a serverless cache that is `creating`, `deleting` or `create-failed` answer `InvalidServerlessCacheStateFault`; `modifying` allows them.",
    source:
      "https://github.com/ekristen/aws-nuke/pull/256 (status table of live calls); https://github.com/crossplane-contrib/provider-upjet-aws/issues/2223 (create-failed)",
    test: { file: "test/aws-rules.test.ts", name: "refuses a serverless cache's tags while it is creating" },
  },
  {
    id: "tag-quota",
    rule: "A resource holds at most 50 tags; more answer `TagQuotaPerResourceExceeded`.",
    source: `${API}/API_AddTagsToResource.html (Errors: TagQuotaPerResourceExceeded, at most 50 tags)`,
    test: { file: "test/aws-rules.test.ts", name: "keeps at most 50 tags on a resource" },
  },
  {
    id: "replica-floor",
    rule: "`DecreaseReplicaCount` keeps at least 1 replica while Multi-AZ or automatic failover is on (cluster mode disabled); fewer answer `InvalidParameterCombination`.",
    source: `${API}/API_DecreaseReplicaCount.html (NewReplicaCount: the minimum number of replicas)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "keeps at least one replica while Multi-AZ or automatic failover is on",
    },
  },
  {
    id: "replica-change-apply-immediately",
    rule: "`IncreaseReplicaCount`/`DecreaseReplicaCount` require `ApplyImmediately=true`.",
    source: `${API}/API_DecreaseReplicaCount.html (ApplyImmediately: False is not currently supported)`,
    test: {
      file: "test/replication-group-shapes.test.ts",
      name: "reports a cluster mode group's configuration endpoint, shards and replica changes",
    },
  },
  {
    id: "default-cluster-on-groups",
    rule: "Every cluster-capable family has `default.<family>` (`cluster-enabled no`) and `default.<family>.cluster.on` (`cluster-enabled yes`); cluster mode without a named group uses the latter.",
    source: `${GUIDE}/modify-cluster-mode.html (a default parameter group: the corresponding default with cluster-enabled); ${TF}/pull/7571 (default.redis5.0.cluster.on)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "has a default.<family>.cluster.on group with cluster-enabled yes, used by cluster mode by default",
    },
  },
  {
    id: "cluster-mode-needs-cluster-enabled",
    rule: "Cluster mode needs a parameter group with `cluster-enabled yes`, cluster mode disabled one with `no`; a mismatch answers `InvalidParameterCombination`.",
    source: `${GUIDE}/modify-cluster-mode.html (Note: provide a parameter group with cluster-enabled set to yes)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "refuses cluster mode with a cluster-off parameter group, and the reverse",
    },
  },
  {
    id: "cluster-enabled-in-use",
    rule: "`cluster-enabled` cannot change on a parameter group a cache uses (`InvalidParameterValue`: The parameter cluster-enabled cannot be modified).",
    source: "https://github.com/cloudposse/terraform-aws-elasticache-redis/issues/212 (the live error)",
    test: {
      file: "test/aws-rules.test.ts",
      name: "refuses changing cluster-enabled on a group in use, and deleting a group in use",
    },
  },
  {
    id: "parameter-group-in-use",
    rule: "A parameter group a cache uses cannot be deleted (`InvalidCacheParameterGroupState`).",
    source: `${API}/API_DeleteCacheParameterGroup.html (must not be associated with any clusters; Errors: InvalidCacheParameterGroupState)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "refuses changing cluster-enabled on a group in use, and deleting a group in use",
    },
  },
  {
    id: "default-parameter-groups-fixed",
    rule: "Default parameter groups cannot be modified or deleted (`InvalidCacheParameterGroupState`).",
    source: `${GUIDE}/ParameterGroups.Management.html (You cannot modify or delete the default parameter groups)`,
    test: { file: "test/aws-rules.test.ts", name: "refuses changing or deleting a default parameter group" },
  },
  {
    id: "auth-token-rotate",
    rule: "`AuthTokenUpdateStrategy=ROTATE` (the default) keeps the current token beside the new one, at most two.",
    source: `${API}/API_ModifyReplicationGroup.html (AuthTokenUpdateStrategy); ${GUIDE}/auth.html (Modifying the AUTH token on an existing cluster)`,
    test: {
      file: "src/actions/auth-token-update.test.ts",
      name: "ROTATE (also the default strategy) keeps the current token beside the new one",
    },
  },
  {
    id: "auth-token-set",
    rule: "`SET` is allowed only after a `ROTATE` (or where no token exists) and leaves only the new token; otherwise `InvalidParameterCombination`.",
    source: `${GUIDE}/auth.html (Modifying the AUTH token: SET after ROTATE)`,
    test: {
      file: "src/actions/auth-token-update.test.ts",
      name: "SET after ROTATE leaves only the new token; before it, it is refused",
    },
  },
  {
    id: "auth-token-format",
    rule: "An AUTH token has 16–128 printable characters, specials only `! & # $ ^ < > -`, and needs in-transit encryption.",
    source: `${API}/API_CreateReplicationGroup.html (AuthToken: password constraints)`,
    test: {
      file: "test/validation.test.ts",
      name: "refuses an AUTH token without TLS, and tokens outside AWS's rules",
    },
  },
  {
    id: "access-string-checked",
    rule: "`CreateUser`/`ModifyUser` refuse an access string the engine would refuse (unknown category such as `+@bogus`, unknown command, passwords or `reset`) with `InvalidParameterValue`.",
    source: `${GUIDE}/Clusters.RBAC.html (Specifying permissions using an access string)`,
    test: {
      file: "test/aws-rules.test.ts",
      name: "are checked at CreateUser and ModifyUser, naming the unknown category",
    },
  },
  {
    id: "restricted-commands",
    rule: "`bgrewriteaof`, `bgsave`, `config`, `debug`, `migrate`, `replicaof`, `save`, `slaveof`, `shutdown` and `sync` are unknown commands for every user.",
    source: `${GUIDE}/ClientConfig.RestrictedCommands.html`,
    test: {
      file: "test/engines.test.ts",
      name: "are unknown to every user, the endpoint's own user stays out of sight, and access strings cannot name them",
    },
  },
  {
    id: "access-string-no-restricted",
    rule: "An access string naming a restricted command is refused at `CreateUser`/`ModifyUser`.",
    source: `${GUIDE}/Clusters.RBAC.html (You can't use forbidden and renamed commands as part of the access string)`,
    test: {
      file: "test/engines.test.ts",
      name: "are unknown to every user, the endpoint's own user stays out of sight, and access strings cannot name them",
    },
  },
  {
    id: "cluster-mode-engine",
    rule: "Cluster mode runs a Redis Cluster: one primary per shard with its slots, replicas of it, `CLUSTER SLOTS` naming the nodes the API reports, `CROSSSLOT` for multi-slot commands, `SELECT` refused.",
    source: `${GUIDE}/Replication.Redis-RedisCluster.html (cluster mode enabled: data partitioned across shards); ${GUIDE}/modify-cluster-mode.html (clients must use the cluster protocol and the configuration endpoint; keys in database 0 only)`,
    test: {
      file: "test/engines.test.ts",
      name: "runs cluster mode as a Redis Cluster: slots per shard, CROSSSLOT, no SELECT, a cluster-aware client works",
    },
  },
  {
    id: "replicas-are-replicas",
    rule: "Replicas replicate from their primary; the reader endpoint is a replica that serves the primary's writes and refuses writes (`READONLY`).",
    source: `${GUIDE}/Endpoints.html (reader endpoint: connections spread over the read replicas)`,
    test: {
      file: "test/engines.test.ts",
      name: "runs replicas as real replicas: the reader endpoint serves the primary's writes and refuses its own",
    },
  },
  {
    id: "replica-count-on-engines",
    rule: "`IncreaseReplicaCount`/`DecreaseReplicaCount` start or stop replicas of every shard (in cluster mode they join or leave the cluster), the group `modifying` meanwhile.",
    source: `${API}/API_IncreaseReplicaCount.html (dynamically increases the number of replicas); ${API}/API_DecreaseReplicaCount.html`,
    test: {
      file: "test/engines.test.ts",
      name: "starts and stops real replicas when the replica count changes",
    },
  },
  {
    id: "serverless-reader-port",
    rule: "A serverless cache is a cluster-mode engine: `Endpoint` is its primary, `ReaderEndpoint` the same address on a port of its own, serving reads after `READONLY`.",
    source: `${GUIDE}/ReadReplicas.html (ElastiCache serverless: primary endpoint port 6379, read-from-replica port 6380, same DNS name)`,
    test: {
      file: "test/engines.test.ts",
      name: "runs serverless as a one-shard cluster with a reader port, behind a cluster-aware client",
    },
  },
  {
    id: "apply-immediately-false",
    rule: "`ModifyReplicationGroup` node changes (`CacheNodeType`, `EngineVersion`, `Engine`) without `ApplyImmediately=true` wait for the maintenance window, shown as the member clusters' `PendingModifiedValues`; the group stays `available`.",
    source: `${API}/API_ModifyReplicationGroup.html (ApplyImmediately: if false, changes are applied on the next maintenance reboot; default false)`,
    test: {
      file: "test/read-api.test.ts",
      name: "keeps node changes with ApplyImmediately=false pending until a maintenance window",
    },
  },
  {
    id: "member-clusters",
    rule: "Each node of a replication group is a member cache cluster (`<group>-00N`, `<group>-000S-00N` in cluster mode) that `DescribeCacheClusters` lists with its node's endpoint (`ShowCacheNodeInfo`), with an ARN (`…:cluster:<id>`) that takes tags and `cache-cluster` events.",
    source: `${API}/API_DescribeCacheClusters.html; ${API}/API_ReplicationGroup.html (MemberClusters)`,
    test: {
      file: "test/read-api.test.ts",
      name: "describes member clusters with their nodes' endpoints, which the cache-cluster-available waiter polls",
    },
  },
  {
    id: "busy-cache-refused",
    rule: "A replication group that is not `available` refuses modifications (`InvalidReplicationGroupState`).",
    source: `${API}/API_ModifyReplicationGroup.html (Errors: InvalidReplicationGroupState)`,
    test: { file: "test/validation.test.ts", name: "refuses duplicate ids and changes while creating" },
  },
];

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The ledger as a Markdown table, as it stands in the README. */
export function renderRuleLedger(rules: readonly Rule[] = RULES): string {
  const lines = [
    "| Rule | What the endpoint does | Source | Test |",
    "| ---- | ---------------------- | ------ | ---- |",
    ...rules.map(
      (rule) =>
        `| \`${rule.id}\` | ${cell(rule.rule)} | ${cell(rule.source)} | \`${rule.test.file}\`: ${cell(rule.test.name)} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export const LEDGER_START = "<!-- rule-ledger:start (rendered from src/rules/rule-ledger.ts) -->";
export const LEDGER_END = "<!-- rule-ledger:end -->";

/** `readme` with the text between the ledger markers replaced by the rendered ledger. */
export function withRuleLedger(readme: string, rules: readonly Rule[] = RULES): string {
  const start = readme.indexOf(LEDGER_START);
  const end = readme.indexOf(LEDGER_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${LEDGER_START} … ${LEDGER_END} section`);
  return `${readme.slice(0, start + LEDGER_START.length)}\n\n${renderRuleLedger(rules)}\n${readme.slice(end)}`;
}

import {
  AddTagsToResourceCommand,
  CacheParameterGroupAlreadyExistsFault,
  CacheParameterGroupNotFoundFault,
  CacheSubnetGroupNotFoundFault,
  CreateCacheSubnetGroupCommand,
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DecreaseReplicaCountCommand,
  DeleteCacheParameterGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteServerlessCacheCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  IncreaseReplicaCountCommand,
  InvalidCacheParameterGroupStateFault,
  InvalidParameterCombinationException,
  InvalidReplicationGroupStateFault,
  InvalidParameterValueException,
  InvalidUserGroupStateFault,
  InvalidUserStateFault,
  ListTagsForResourceCommand,
  ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand,
  ModifyServerlessCacheCommand,
  ModifyUserCommand,
  ModifyUserGroupCommand,
  RemoveTagsFromResourceCommand,
  ReplicationGroupAlreadyExistsFault,
  ReplicationGroupNotFoundFault,
  ServerlessCacheAlreadyExistsFault,
  ServerlessCacheNotFoundFault,
  UserAlreadyExistsFault,
  UserGroupAlreadyExistsFault,
  UserGroupNotFoundFault,
  UserNotFoundFault,
  type ReplicationGroup,
  type ServerlessCache,
  type Tag,
  type User,
  type UserGroup,
} from "@aws-sdk/client-elasticache";
import { mockClient } from "aws-sdk-client-mock";

const ACCOUNT_ARN = "arn:aws:elasticache:eu-central-1:123456789012";
const $metadata = { httpStatusCode: 400, requestId: "fake-request" };

type Command = { name: string };

/** A replication group as the fake keeps it: with what AWS shows only through other calls. */
type FakeGroup = ReplicationGroup & {
  AuthTokens?: string[];
  CacheParameterGroupName?: string | undefined;
  EngineVersion?: string;
};

/** What DescribeReplicationGroups shows of a group. */
function shown(group: FakeGroup): ReplicationGroup {
  const { AuthTokens: _tokens, CacheParameterGroupName: _pg, EngineVersion: _version, ...rest } = group;
  return structuredClone(rest);
}

function memberClusters(group: ReplicationGroup): string[] {
  return (group.NodeGroups ?? []).flatMap((shard) =>
    (shard.NodeGroupMembers ?? []).flatMap((member) =>
      member.CacheClusterId ? [member.CacheClusterId] : [],
    ),
  );
}

/**
 * An in-memory ElastiCache behind aws-sdk-client-mock, with the status sequences and refusals of the
 * real service: replication groups and serverless caches start `creating` and stay so until the test
 * calls `finish`; a replication group that is not available refuses tag reads and writes; user groups
 * start `creating`; deleting a user group in use fails. Faults are planned per command with `failNext`,
 * rejecting with the SDK's own error classes.
 */
export class FakeElastiCache {
  readonly mock: ReturnType<typeof mockClient>;
  readonly groups = new Map<string, FakeGroup>();
  readonly serverless = new Map<string, ServerlessCache>();
  readonly users = new Map<string, User & { Passwords?: string[]; PendingPasswords?: string[] }>();
  readonly userGroups = new Map<string, UserGroup>();
  readonly parameterGroups = new Map<
    string,
    { family: string; parameters: Record<string, string>; description?: string; arn: string }
  >();
  readonly tags = new Map<string, Tag[]>();
  readonly events: { SourceIdentifier: string; Message: string }[] = [];
  /** Cache subnet groups that exist, with their subnets. */
  readonly subnetGroups = new Map<string, string[]>([["cache-subnets", ["subnet-0a1", "subnet-0b2"]]]);
  readonly #faults = new Map<string, unknown[]>();
  readonly #after = new Map<string, (() => Promise<unknown>)[]>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Fails the next IncreaseReplicaCount / DecreaseReplicaCount that AWS would accept (capacity, quota). */
  replicaFailure: unknown = undefined;
  /** The SDK client each call was sent through, in order: which account's clients did the work. */
  readonly clients: { command: string; client: unknown }[] = [];

  /**
   * `autoFinishMs`: every change ends by itself after that long, as in AWS (default: only when the
   * test calls `finish`). `failCreates`: every cache creation ends `create-failed`.
   */
  constructor(readonly options: { autoFinishMs?: number; failCreates?: boolean } = {}) {
    this.mock = mockClient(ElastiCacheClient);
    this.#install();
  }

  #schedule(id: string): void {
    const ms = this.options.autoFinishMs;
    if (ms === undefined) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.finish(id);
    }, ms);
    this.#timers.add(timer);
  }

  /** The next call of `command` rejects with `error` (several calls queue several errors). */
  failNext(command: Command, error: unknown): void {
    const queue = this.#faults.get(command.name) ?? [];
    queue.push(error);
    this.#faults.set(command.name, queue);
  }

  /**
   * The next call of `command` runs `then` after it took effect and before its answer reaches the
   * caller: what another replica does between two steps of one request.
   */
  onceAfter(command: Command, then: () => Promise<unknown>): void {
    const queue = this.#after.get(command.name) ?? [];
    queue.push(then);
    this.#after.set(command.name, queue);
  }

  /** How many times `command` was sent. */
  count(command: Command): number {
    return this.mock.commandCalls(command as never).length;
  }

  /** Inputs `command` was sent with, in order. */
  inputs<T = Record<string, unknown>>(command: Command): T[] {
    return this.mock.commandCalls(command as never).map((call) => call.args[0].input as T);
  }

  /** Ends whatever the named cache or user group is doing: creating/modifying → available, deleting → gone. */
  finish(id: string): void {
    if (
      this.options.failCreates &&
      (this.groups.get(id)?.Status === "creating" || this.serverless.get(id)?.Status === "creating")
    ) {
      this.fail(id, "Failed to create the cache: the subnet has no free IP addresses.");
      return;
    }
    const group = this.groups.get(id);
    if (group) {
      if (group.Status === "deleting") this.#removeGroup(id);
      else group.Status = "available";
    }
    const cache = this.serverless.get(id);
    if (cache) {
      if (cache.Status === "deleting") {
        this.serverless.delete(id);
        this.tags.delete(cache.ARN ?? "");
        const userGroup = this.userGroups.get(cache.UserGroupId ?? "");
        if (userGroup) userGroup.ServerlessCaches = [];
      } else cache.Status = "available";
    }
    const userGroup = this.userGroups.get(id);
    if (userGroup) {
      if (userGroup.Status === "deleting") this.#removeUserGroup(id);
      else {
        userGroup.Status = "active";
        const removed = userGroup.PendingChanges?.UserIdsToRemove ?? [];
        userGroup.UserIds = [
          ...(userGroup.UserIds ?? []).filter((member) => !removed.includes(member)),
          ...(userGroup.PendingChanges?.UserIdsToAdd ?? []),
        ];
        delete userGroup.PendingChanges;
      }
    }
    const user = this.users.get(id);
    if (user) {
      user.Status = "active";
      if (user.PendingPasswords) user.Passwords = user.PendingPasswords;
      user.Authentication = { Type: "password", PasswordCount: user.Passwords?.length ?? 0 };
      delete user.PendingPasswords;
    }
  }

  fail(id: string, message: string): void {
    const group = this.groups.get(id);
    if (group) group.Status = "create-failed";
    const cache = this.serverless.get(id);
    if (cache) cache.Status = "create-failed";
    this.events.push({ SourceIdentifier: id, Message: message });
  }

  reset(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.mock.restore();
  }

  #take(name: string): void {
    const queue = this.#faults.get(name);
    const error = queue?.shift();
    if (error !== undefined) throw error;
  }

  /**
   * Answers `command` with `handler`, after any fault planned for it. Each handler reads the fields
   * its command's input has; the SDK's input types mark them all optional, as the wire does.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  #on(command: Command & (new (input: never) => unknown), handler: (input: any) => unknown): void {
    this.mock.on(command as never).callsFake(async (input: unknown, getClient: () => unknown) => {
      this.clients.push({ command: command.name, client: getClient() });
      this.#take(command.name);
      const answer = handler(input);
      await this.#after.get(command.name)?.shift()?.();
      return answer;
    });
  }

  #removeGroup(id: string): void {
    const group = this.groups.get(id);
    this.groups.delete(id);
    this.tags.delete(group?.ARN ?? "");
    for (const userGroup of this.userGroups.values()) {
      userGroup.ReplicationGroups = (userGroup.ReplicationGroups ?? []).filter((name) => name !== id);
    }
  }

  #removeUserGroup(id: string): void {
    const group = this.userGroups.get(id);
    this.userGroups.delete(id);
    this.tags.delete(group?.ARN ?? "");
    for (const user of this.users.values())
      user.UserGroupIds = (user.UserGroupIds ?? []).filter((g) => g !== id);
  }

  #tagsAllowed(arn: string): FakeGroup | undefined {
    const group = [...this.groups.values()].find((g) => g.ARN === arn);
    if (group && group.Status !== "available") {
      throw new InvalidReplicationGroupStateFault({
        message: "Cluster not in available state to perform tagging operations.",
        $metadata,
      });
    }
    return group;
  }

  /** A tag write leaves a replication group `modifying` for a while, as in AWS. */
  #tagged(group: FakeGroup | undefined): void {
    if (!group) return;
    group.Status = "modifying";
    this.#schedule(group.ReplicationGroupId ?? "");
  }

  #parameterGroupInUse(name: string): boolean {
    return [...this.groups.values()].some((group) => group.CacheParameterGroupName === name);
  }

  #install(): void {
    this.#on(DescribeReplicationGroupsCommand, (input) => {
      const group = this.groups.get(input.ReplicationGroupId);
      if (!group)
        throw new ReplicationGroupNotFoundFault({
          message: `ReplicationGroup ${input.ReplicationGroupId} not found.`,
          $metadata,
        });
      return { ReplicationGroups: [shown(group)] };
    });
    this.#on(CreateReplicationGroupCommand, (input) => {
      const id = input.ReplicationGroupId as string;
      if (this.groups.has(id))
        throw new ReplicationGroupAlreadyExistsFault({
          message: "Replication group already exists.",
          $metadata,
        });
      if (
        input.CacheParameterGroupName &&
        !input.CacheParameterGroupName.startsWith("default.") &&
        !this.parameterGroups.has(input.CacheParameterGroupName)
      ) {
        throw new CacheParameterGroupNotFoundFault({ message: "CacheParameterGroup not found.", $metadata });
      }
      for (const userGroupId of input.UserGroupIds ?? []) {
        const userGroup = this.userGroups.get(userGroupId);
        if (!userGroup) throw new UserGroupNotFoundFault({ message: "User group not found", $metadata });
        if (userGroup.Status !== "active")
          throw new InvalidUserGroupStateFault({ message: "User group is not active", $metadata });
        userGroup.ReplicationGroups = [...(userGroup.ReplicationGroups ?? []), id];
      }
      const cluster = input.ClusterMode === "enabled";
      const shards = cluster ? (input.NumNodeGroups ?? 1) : 1;
      const replicas = input.ReplicasPerNodeGroup ?? 0;
      const port = input.Port ?? 6379;
      const parameterGroup = input.CacheParameterGroupName as string | undefined;
      const failover = input.AutomaticFailoverEnabled === true;
      if (failover && !cluster && replicas === 0)
        throw new InvalidParameterCombinationException({
          message: "Replication group must have at least one read replica to enable autofailover.",
          $metadata,
        });
      const group: FakeGroup = {
        ReplicationGroupId: id,
        Description: input.ReplicationGroupDescription,
        Status: "creating",
        CacheNodeType: input.CacheNodeType,
        ClusterEnabled: cluster,
        TransitEncryptionEnabled: input.TransitEncryptionEnabled,
        AtRestEncryptionEnabled: input.AtRestEncryptionEnabled,
        AuthTokenEnabled: input.AuthToken !== undefined,
        AuthTokens: input.AuthToken ? [input.AuthToken] : [],
        UserGroupIds: input.UserGroupIds,
        MultiAZ: input.MultiAZEnabled ? "enabled" : "disabled",
        AutomaticFailover: failover ? "enabled" : "disabled",
        CacheParameterGroupName: parameterGroup,
        EngineVersion: input.EngineVersion ?? "8.0.1",
        ARN: `${ACCOUNT_ARN}:replicationgroup:${id}`,
        ReplicationGroupCreateTime: new Date("2026-11-24T10:00:00Z"),
        ...(cluster
          ? {
              ConfigurationEndpoint: {
                Address: `clustercfg.${id}.abc123.euc1.cache.amazonaws.com`,
                Port: port,
              },
            }
          : {}),
        NodeGroups: Array.from({ length: shards }, (_, shard) => ({
          NodeGroupId: String(shard + 1).padStart(4, "0"),
          ...(cluster
            ? {}
            : { PrimaryEndpoint: { Address: `master.${id}.abc123.euc1.cache.amazonaws.com`, Port: port } }),
          NodeGroupMembers: Array.from({ length: replicas + 1 }, (_, node) => ({
            CacheClusterId: `${id}-${shard}-${node}`,
          })),
        })),
      };
      group.MemberClusters = memberClusters(group);
      this.groups.set(id, group);
      this.tags.set(group.ARN ?? "", input.Tags ?? []);
      this.#schedule(id);
      return { ReplicationGroup: shown(group) };
    });
    this.#on(ModifyReplicationGroupCommand, (input) => {
      const group = this.groups.get(input.ReplicationGroupId);
      if (!group) throw new ReplicationGroupNotFoundFault({ message: "not found", $metadata });
      if (group.Status !== "available")
        throw new InvalidReplicationGroupStateFault({
          message: "Replication group must be in available state to modify.",
          $metadata,
        });
      const replicas = (group.NodeGroups?.[0]?.NodeGroupMembers?.length ?? 1) - 1;
      if (input.MultiAZEnabled === true && replicas === 0)
        throw new InvalidParameterCombinationException({
          message: "Multi-AZ requires at least one read replica.",
          $metadata,
        });
      if (input.ReplicationGroupDescription) group.Description = input.ReplicationGroupDescription;
      if (input.CacheNodeType) group.CacheNodeType = input.CacheNodeType;
      if (input.EngineVersion) group.EngineVersion = input.EngineVersion;
      if (input.CacheParameterGroupName) group.CacheParameterGroupName = input.CacheParameterGroupName;
      if (input.MultiAZEnabled !== undefined) group.MultiAZ = input.MultiAZEnabled ? "enabled" : "disabled";
      if (input.AutomaticFailoverEnabled !== undefined)
        group.AutomaticFailover = input.AutomaticFailoverEnabled ? "enabled" : "disabled";
      if (input.AuthToken) {
        group.AuthTokens =
          input.AuthTokenUpdateStrategy === "SET"
            ? [input.AuthToken]
            : [...(group.AuthTokens ?? []), input.AuthToken].slice(-2);
      }
      const changes =
        input.CacheNodeType ||
        input.AuthToken ||
        input.EngineVersion ||
        input.CacheParameterGroupName ||
        input.MultiAZEnabled !== undefined ||
        input.AutomaticFailoverEnabled !== undefined;
      if (changes) {
        group.Status = "modifying";
        this.#schedule(input.ReplicationGroupId);
      }
      return { ReplicationGroup: shown(group) };
    });
    const setReplicas = (input: { ReplicationGroupId: string; NewReplicaCount: number }) => {
      const group = this.groups.get(input.ReplicationGroupId);
      if (!group || group.Status !== "available")
        throw new InvalidReplicationGroupStateFault({ message: "not available", $metadata });
      // DecreaseReplicaCount: with Multi-AZ on, a cluster-mode-disabled group keeps one replica.
      if (input.NewReplicaCount === 0 && !group.ClusterEnabled && group.MultiAZ === "enabled")
        throw new InvalidParameterCombinationException({
          message: "Cannot decrease the replica count to 0 while Multi-AZ is enabled.",
          $metadata,
        });
      const failure = this.replicaFailure;
      if (failure) {
        this.replicaFailure = undefined;
        throw failure;
      }
      for (const [index, shard] of (group.NodeGroups ?? []).entries()) {
        shard.NodeGroupMembers = Array.from({ length: input.NewReplicaCount + 1 }, (_, node) => ({
          CacheClusterId: `${group.ReplicationGroupId}-${index}-${node}`,
        }));
      }
      group.MemberClusters = memberClusters(group);
      group.Status = "modifying";
      this.#schedule(input.ReplicationGroupId);
      return {};
    };
    this.#on(IncreaseReplicaCountCommand, setReplicas);
    this.#on(DecreaseReplicaCountCommand, setReplicas);
    this.#on(DeleteReplicationGroupCommand, (input) => {
      const group = this.groups.get(input.ReplicationGroupId);
      if (!group) throw new ReplicationGroupNotFoundFault({ message: "not found", $metadata });
      if (group.Status !== "available" && group.Status !== "create-failed") {
        throw new InvalidReplicationGroupStateFault({
          message: `Replication group ${group.ReplicationGroupId} has status ${group.Status} which is not valid for deletion.`,
          $metadata,
        });
      }
      group.Status = "deleting";
      this.#schedule(input.ReplicationGroupId);
      return {};
    });

    this.#on(DescribeServerlessCachesCommand, (input) => {
      const cache = this.serverless.get(input.ServerlessCacheName);
      if (!cache)
        throw new ServerlessCacheNotFoundFault({ message: "Serverless cache not found", $metadata });
      return { ServerlessCaches: [structuredClone(cache)] };
    });
    this.#on(CreateServerlessCacheCommand, (input) => {
      const id = input.ServerlessCacheName as string;
      if (this.serverless.has(id))
        throw new ServerlessCacheAlreadyExistsFault({ message: "exists", $metadata });
      const userGroup = this.userGroups.get(input.UserGroupId);
      if (!userGroup) throw new UserGroupNotFoundFault({ message: "User group not found", $metadata });
      if (userGroup.Status !== "active")
        throw new InvalidUserGroupStateFault({ message: "User group is not active", $metadata });
      userGroup.ServerlessCaches = [id];
      const cache: ServerlessCache = {
        ServerlessCacheName: id,
        Description: input.Description,
        Status: "creating",
        Engine: input.Engine,
        MajorEngineVersion: input.MajorEngineVersion ?? "8",
        UserGroupId: input.UserGroupId,
        SubnetIds: input.SubnetIds,
        SecurityGroupIds: input.SecurityGroupIds,
        ARN: `${ACCOUNT_ARN}:serverlesscache:${id}`,
        CreateTime: new Date("2026-11-24T10:00:00Z"),
        Endpoint: { Address: `${id}-abc123.serverless.euc1.cache.amazonaws.com`, Port: 6379 },
      };
      this.serverless.set(id, cache);
      this.tags.set(cache.ARN ?? "", input.Tags ?? []);
      this.#schedule(id);
      return { ServerlessCache: structuredClone(cache) };
    });
    this.#on(ModifyServerlessCacheCommand, (input) => {
      const cache = this.serverless.get(input.ServerlessCacheName);
      if (!cache) throw new ServerlessCacheNotFoundFault({ message: "not found", $metadata });
      if (input.Description) cache.Description = input.Description;
      if (input.MajorEngineVersion) {
        cache.MajorEngineVersion = input.MajorEngineVersion;
        cache.Status = "modifying";
        this.#schedule(input.ServerlessCacheName);
      }
      return { ServerlessCache: structuredClone(cache) };
    });
    this.#on(DeleteServerlessCacheCommand, (input) => {
      const cache = this.serverless.get(input.ServerlessCacheName);
      if (!cache) throw new ServerlessCacheNotFoundFault({ message: "not found", $metadata });
      cache.Status = "deleting";
      this.#schedule(input.ServerlessCacheName);
      return {};
    });

    this.#on(DescribeUsersCommand, (input) => {
      const user = this.users.get(input.UserId);
      if (!user) throw new UserNotFoundFault({ message: "User not found", $metadata });
      const { Passwords: _passwords, PendingPasswords: _pending, ...shown } = user;
      return { Users: [structuredClone(shown)] };
    });
    this.#on(CreateUserCommand, (input) => {
      if (this.users.has(input.UserId))
        throw new UserAlreadyExistsFault({ message: "User already exists", $metadata });
      const user = {
        UserId: input.UserId,
        UserName: input.UserName,
        Status: "active",
        Engine: input.Engine,
        AccessString: input.AccessString,
        UserGroupIds: [],
        Authentication: {
          Type: "password" as const,
          PasswordCount: input.AuthenticationMode?.Passwords?.length ?? 0,
        },
        Passwords: input.AuthenticationMode?.Passwords ?? [],
        ARN: `${ACCOUNT_ARN}:user:${input.UserId}`,
      };
      this.users.set(input.UserId, user);
      this.tags.set(user.ARN, input.Tags ?? []);
      return {};
    });
    this.#on(ModifyUserCommand, (input) => {
      const user = this.users.get(input.UserId);
      if (!user) throw new UserNotFoundFault({ message: "User not found", $metadata });
      if (user.Status !== "active")
        throw new InvalidUserStateFault({ message: `User ${input.UserId} is ${user.Status}`, $metadata });
      // The new passwords work once the user is active again (`finish`); until then the old ones do.
      user.PendingPasswords = input.AuthenticationMode?.Passwords ?? input.Passwords ?? user.Passwords;
      user.Status = "modifying";
      this.#schedule(input.UserId);
      return {};
    });
    this.#on(DeleteUserCommand, (input) => {
      const user = this.users.get(input.UserId);
      if (!user) throw new UserNotFoundFault({ message: "User not found", $metadata });
      this.users.delete(input.UserId);
      this.tags.delete(user.ARN ?? "");
      for (const group of this.userGroups.values())
        group.UserIds = (group.UserIds ?? []).filter((id) => id !== input.UserId);
      return {};
    });

    this.#on(DescribeUserGroupsCommand, (input) => {
      const group = this.userGroups.get(input.UserGroupId);
      if (!group) throw new UserGroupNotFoundFault({ message: "User group not found", $metadata });
      return { UserGroups: [structuredClone(group)] };
    });
    this.#on(CreateUserGroupCommand, (input) => {
      if (this.userGroups.has(input.UserGroupId))
        throw new UserGroupAlreadyExistsFault({ message: "exists", $metadata });
      const missing = (input.UserIds ?? []).find((id: string) => !this.users.has(id));
      if (missing) throw new UserNotFoundFault({ message: `User ${missing} not found.`, $metadata });
      const group: UserGroup = {
        UserGroupId: input.UserGroupId,
        Status: "creating",
        Engine: input.Engine,
        UserIds: input.UserIds ?? [],
        ReplicationGroups: [],
        ServerlessCaches: [],
        ARN: `${ACCOUNT_ARN}:usergroup:${input.UserGroupId}`,
      };
      this.userGroups.set(input.UserGroupId, group);
      this.tags.set(group.ARN ?? "", input.Tags ?? []);
      this.#schedule(input.UserGroupId);
      return group;
    });
    this.#on(ModifyUserGroupCommand, (input) => {
      const group = this.userGroups.get(input.UserGroupId);
      if (!group) throw new UserGroupNotFoundFault({ message: "User group not found", $metadata });
      if (group.Status !== "active")
        throw new InvalidUserGroupStateFault({ message: "User group is not active", $metadata });
      const member = (input.UserIdsToAdd ?? []).find((id: string) => group.UserIds?.includes(id));
      if (member)
        throw new InvalidParameterValueException({
          message: `UserIdsToAdd: user ${member} is already in user group ${input.UserGroupId}.`,
          $metadata,
        });
      group.Status = "modifying";
      group.PendingChanges = {
        UserIdsToAdd: input.UserIdsToAdd ?? [],
        UserIdsToRemove: input.UserIdsToRemove ?? [],
      };
      return group;
    });
    this.#on(DeleteUserGroupCommand, (input) => {
      const group = this.userGroups.get(input.UserGroupId);
      if (!group) throw new UserGroupNotFoundFault({ message: "User group not found", $metadata });
      if ((group.ReplicationGroups ?? []).length > 0 || (group.ServerlessCaches ?? []).length > 0) {
        throw new InvalidUserGroupStateFault({ message: "User group is in use", $metadata });
      }
      group.Status = "deleting";
      this.#schedule(input.UserGroupId);
      return group;
    });

    this.#on(ListTagsForResourceCommand, (input) => {
      this.#tagsAllowed(input.ResourceName);
      return { TagList: structuredClone(this.tags.get(input.ResourceName) ?? []) };
    });
    this.#on(AddTagsToResourceCommand, (input) => {
      const group = this.#tagsAllowed(input.ResourceName);
      this.#tagged(group);
      if (
        input.ResourceName.includes(":parametergroup:") &&
        ![...this.parameterGroups.values()].some((pg) => pg.arn === input.ResourceName)
      )
        throw new CacheParameterGroupNotFoundFault({ message: "CacheParameterGroup not found.", $metadata });
      const tags = new Map((this.tags.get(input.ResourceName) ?? []).map((tag) => [tag.Key, tag.Value]));
      for (const tag of input.Tags ?? []) tags.set(tag.Key, tag.Value);
      this.tags.set(
        input.ResourceName,
        [...tags].map(([Key, Value]) => ({ Key, Value })),
      );
      return {};
    });
    this.#on(RemoveTagsFromResourceCommand, (input) => {
      this.#tagged(this.#tagsAllowed(input.ResourceName));
      this.tags.set(
        input.ResourceName,
        (this.tags.get(input.ResourceName) ?? []).filter((tag) => !input.TagKeys.includes(tag.Key)),
      );
      return {};
    });

    this.#on(DescribeCacheParameterGroupsCommand, (input) => {
      if (!this.parameterGroups.has(input.CacheParameterGroupName)) {
        throw new CacheParameterGroupNotFoundFault({ message: "CacheParameterGroup not found.", $metadata });
      }
      const group = this.parameterGroups.get(input.CacheParameterGroupName);
      return {
        CacheParameterGroups: [
          {
            CacheParameterGroupName: input.CacheParameterGroupName,
            CacheParameterGroupFamily: group?.family,
            Description: group?.description,
            ARN: group?.arn,
          },
        ],
      };
    });
    this.#on(CreateCacheParameterGroupCommand, (input) => {
      if (this.parameterGroups.has(input.CacheParameterGroupName))
        throw new CacheParameterGroupAlreadyExistsFault({
          message: `Parameter group ${input.CacheParameterGroupName} already exists.`,
          $metadata,
        });
      const arn = `${ACCOUNT_ARN}:parametergroup:${input.CacheParameterGroupName}`;
      this.parameterGroups.set(input.CacheParameterGroupName, {
        family: input.CacheParameterGroupFamily,
        parameters: {},
        description: input.Description,
        arn,
      });
      this.tags.set(arn, input.Tags ?? []);
      return {};
    });
    this.#on(ModifyCacheParameterGroupCommand, (input) => {
      const group = this.parameterGroups.get(input.CacheParameterGroupName);
      if (!group) throw new CacheParameterGroupNotFoundFault({ message: "not found", $metadata });
      const names = (input.ParameterNameValues as { ParameterName: string }[]).map((p) => p.ParameterName);
      if (names.includes("cluster-enabled") && this.#parameterGroupInUse(input.CacheParameterGroupName))
        throw new InvalidParameterCombinationException({
          message: "cluster-enabled cannot be modified on a parameter group in use.",
          $metadata,
        });
      for (const { ParameterName, ParameterValue } of input.ParameterNameValues)
        group.parameters[ParameterName] = ParameterValue;
      return {};
    });
    this.#on(DeleteCacheParameterGroupCommand, (input) => {
      const group = this.parameterGroups.get(input.CacheParameterGroupName);
      if (!group) throw new CacheParameterGroupNotFoundFault({ message: "not found", $metadata });
      if (this.#parameterGroupInUse(input.CacheParameterGroupName))
        throw new InvalidCacheParameterGroupStateFault({
          message: "One or more cache clusters are still members of this parameter group.",
          $metadata,
        });
      this.parameterGroups.delete(input.CacheParameterGroupName);
      this.tags.delete(group.arn);
      return {};
    });
    this.#on(DescribeCacheClustersCommand, (input) => {
      const group = [...this.groups.values()].find((g) =>
        (g.MemberClusters ?? []).includes(input.CacheClusterId),
      );
      if (!group) throw new ReplicationGroupNotFoundFault({ message: "CacheCluster not found", $metadata });
      return {
        CacheClusters: [
          {
            CacheClusterId: input.CacheClusterId,
            ReplicationGroupId: group.ReplicationGroupId,
            EngineVersion: group.EngineVersion,
            CacheParameterGroup: { CacheParameterGroupName: group.CacheParameterGroupName },
          },
        ],
      };
    });
    this.#on(DescribeCacheEngineVersionsCommand, (input) => ({
      CacheEngineVersions: [
        { Engine: input.Engine, EngineVersion: "8.0", CacheParameterGroupFamily: `${input.Engine}8` },
      ],
    }));
    this.#on(DescribeEventsCommand, (input) => ({
      Events: this.events.filter((event) => event.SourceIdentifier === input.SourceIdentifier).reverse(),
    }));
    this.#on(DescribeCacheSubnetGroupsCommand, (input) => {
      const subnets = this.subnetGroups.get(input.CacheSubnetGroupName);
      if (!subnets)
        throw new CacheSubnetGroupNotFoundFault({
          message: `Cache subnet group ${input.CacheSubnetGroupName} not found.`,
          $metadata,
        });
      return {
        CacheSubnetGroups: [
          {
            CacheSubnetGroupName: input.CacheSubnetGroupName,
            Subnets: subnets.map((SubnetIdentifier) => ({ SubnetIdentifier })),
          },
        ],
      };
    });
    this.#on(CreateCacheSubnetGroupCommand, (input) => {
      this.subnetGroups.set(input.CacheSubnetGroupName, input.SubnetIds ?? []);
      return {};
    });
  }
}

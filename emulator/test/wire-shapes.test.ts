import * as sdk from "@aws-sdk/client-elasticache";
import { NormalizedSchema } from "@smithy/core/schema";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { startTestEmulator } from "./support/test-emulator.js";

const emulator = await startTestEmulator();
afterAll(() => emulator.close());

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
type Xml = string | { [element: string]: Xml | Xml[] };

/**
 * Elements of `value` that the SDK's schema does not know (the SDK would silently drop them), and
 * values it could not read as their type: what a typo in an answer's shape would cause.
 */
function wireProblems(schema: unknown, value: Xml | Xml[], path: string): string[] {
  const ns = NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
  if (Array.isArray(value))
    return value.flatMap((item, index) => wireProblems(schema, item, `${path}[${index}]`));
  if (ns.isStructSchema() || ns.isListSchema()) {
    if (value === "") return [];
    if (typeof value !== "object") return [`${path}: expected elements, got text "${value}"`];
    if (ns.isListSchema()) {
      const member = ns.getValueSchema();
      const name = member.getMergedTraits().xmlName ?? "member";
      return Object.entries(value).flatMap(([key, item]) =>
        key === name
          ? wireProblems(member, item, `${path}.${key}`)
          : [`${path}.${key}: not a list member (${name})`],
      );
    }
    const members = new Map<string, unknown>();
    for (const [name, member] of ns.structIterator())
      members.set(member.getMergedTraits().xmlName ?? name, member);
    return Object.entries(value).flatMap(([key, item]) =>
      members.has(key)
        ? wireProblems(members.get(key), item, `${path}.${key}`)
        : [`${path}.${key}: unknown element`],
    );
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (ns.isBooleanSchema() && text !== "true" && text !== "false")
    return [`${path}: "${text}" is not a boolean`];
  if (ns.isNumericSchema() && !/^-?\d+(\.\d+)?$/.test(text)) return [`${path}: "${text}" is not a number`];
  if (ns.isTimestampSchema() && Number.isNaN(Date.parse(text))) return [`${path}: "${text}" is not a time`];
  return [];
}

/** One raw Query call (signature header present, not checked); its result is checked against the SDK's schema. */
async function call(action: string, params: Record<string, string | number | boolean> = {}): Promise<Xml> {
  const body = new URLSearchParams({ Action: action, Version: "2015-02-02" });
  for (const [key, value] of Object.entries(params)) body.set(key, String(value));
  const answer = await fetch(emulator.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDWIRE/20260101/${emulator.region}/elasticache/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const text = await answer.text();
  expect(answer.status, `${action}: ${text}`).toBe(200);
  const document = parser.parse(text) as Record<string, Record<string, Xml>>;
  const response = document[`${action}Response`];
  expect(response?.ResponseMetadata, action).toMatchObject({ RequestId: expect.any(String) });
  const result = response?.[`${action}Result`] ?? "";
  const operation = (sdk as unknown as Record<string, unknown[]>)[`${action}$`];
  const output = (operation?.[5] as () => unknown)();
  expect(wireProblems(output, result, action)).toEqual([]);
  return result;
}

const field = (value: Xml | undefined, ...path: string[]): Xml | undefined =>
  path.reduce<Xml | undefined>(
    (node, key) => (typeof node === "object" && !Array.isArray(node) ? (node[key] as Xml) : undefined),
    value,
  );

const status = async (action: string, key: string, id: string, ...path: string[]) =>
  field(await call(action, { [key]: id }), ...path, "Status");

describe("every answer reads cleanly with the SDK's own schema", () => {
  it("would notice an element the SDK does not know, or a value it cannot read", () => {
    const output = (sdk.DescribeReplicationGroups$[5] as () => unknown)();
    const answer = {
      ReplicationGroups: {
        ReplicationGroup: { ReplicationGroupId: "x", ClusterEnabled: "yes", Colour: "red" },
      },
    };
    expect(wireProblems(output, answer, "R")).toEqual([
      'R.ReplicationGroups.ReplicationGroup.ClusterEnabled: "yes" is not a boolean',
      "R.ReplicationGroups.ReplicationGroup.Colour: unknown element",
    ]);
  });

  it("has no element the SDK does not know and no value it cannot read", async () => {
    await call("CreateCacheSubnetGroup", {
      CacheSubnetGroupName: "wire-subnets",
      CacheSubnetGroupDescription: "wire",
      "SubnetIds.SubnetIdentifier.1": "subnet-0aa",
      "Tags.Tag.1.Key": "k",
      "Tags.Tag.1.Value": "v",
    });
    await call("CreateCacheParameterGroup", {
      CacheParameterGroupName: "wire-params",
      CacheParameterGroupFamily: "valkey8",
      Description: "wire",
    });
    await call("ModifyCacheParameterGroup", {
      CacheParameterGroupName: "wire-params",
      "ParameterNameValues.ParameterNameValue.1.ParameterName": "timeout",
      "ParameterNameValues.ParameterNameValue.1.ParameterValue": "300",
    });
    await call("CreateUser", {
      UserId: "wire-user",
      UserName: "wire",
      Engine: "valkey",
      AccessString: "on ~wire:* +@all",
      "Passwords.member.1": "wire-password-012345",
    });
    await call("CreateUserGroup", {
      UserGroupId: "wire-group",
      Engine: "valkey",
      "UserIds.member.1": "wire-user",
    });
    await pollUntil(
      () => status("DescribeUserGroups", "UserGroupId", "wire-group", "UserGroups", "member"),
      (s) => s === "active",
    );
    await call("CreateReplicationGroup", {
      ReplicationGroupId: "wire-rg",
      ReplicationGroupDescription: "wire",
      CacheNodeType: "cache.t4g.micro",
      Engine: "valkey",
      CacheSubnetGroupName: "wire-subnets",
      CacheParameterGroupName: "wire-params",
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      TransitEncryptionEnabled: true,
      AuthToken: "wire-token-0123456789",
      "Tags.Tag.1.Key": "k",
      "Tags.Tag.1.Value": "v",
    });
    await call("CreateServerlessCache", {
      ServerlessCacheName: "wire-sc",
      Engine: "valkey",
      UserGroupId: "wire-group",
      "CacheUsageLimits.DataStorage.Maximum": 10,
      "CacheUsageLimits.DataStorage.Unit": "GB",
      "SubnetIds.SubnetId.1": "subnet-0aa",
    });
    const rgStatus = () =>
      status(
        "DescribeReplicationGroups",
        "ReplicationGroupId",
        "wire-rg",
        "ReplicationGroups",
        "ReplicationGroup",
      );
    await pollUntil(rgStatus, (s) => s === "available");
    await pollUntil(
      () =>
        status("DescribeServerlessCaches", "ServerlessCacheName", "wire-sc", "ServerlessCaches", "member"),
      (s) => s === "available",
    );
    await call("ModifyReplicationGroup", {
      ReplicationGroupId: "wire-rg",
      AuthToken: "wire-token-9876543210",
      AuthTokenUpdateStrategy: "ROTATE",
      ApplyImmediately: true,
    });
    await pollUntil(rgStatus, (s) => s === "available");
    await call("IncreaseReplicaCount", {
      ReplicationGroupId: "wire-rg",
      NewReplicaCount: 2,
      ApplyImmediately: true,
    });
    await pollUntil(rgStatus, (s) => s === "available");
    await call("DecreaseReplicaCount", {
      ReplicationGroupId: "wire-rg",
      NewReplicaCount: 1,
      ApplyImmediately: true,
    });
    await pollUntil(rgStatus, (s) => s === "available");
    const arn = `arn:aws:elasticache:${emulator.region}:000000000000:replicationgroup:wire-rg`;
    await call("AddTagsToResource", { ResourceName: arn, "Tags.Tag.1.Key": "k2", "Tags.Tag.1.Value": "v2" });
    // A tag write leaves the group modifying for a while, as on AWS.
    await pollUntil(rgStatus, (s) => s === "available");
    await call("ListTagsForResource", { ResourceName: arn });
    await call("RemoveTagsFromResource", { ResourceName: arn, "TagKeys.member.1": "k2" });
    await call("ModifyUser", { UserId: "wire-user", AppendAccessString: "-flushall" });
    await call("ModifyServerlessCache", { ServerlessCacheName: "wire-sc", Description: "changed" });
    for (const action of [
      "DescribeReplicationGroups",
      "DescribeServerlessCaches",
      "DescribeUsers",
      "DescribeUserGroups",
      "DescribeCacheSubnetGroups",
      "DescribeCacheParameterGroups",
      "DescribeEvents",
      "DescribeCacheClusters",
      "DescribeCacheEngineVersions",
    ]) {
      await call(action);
    }
    await call("DescribeCacheClusters", { ShowCacheNodeInfo: true });
    await call("DescribeCacheParameters", { CacheParameterGroupName: "default.redis7.cluster.on" });
    await call("DescribeEngineDefaultParameters", { CacheParameterGroupFamily: "valkey8" });
    await call("ModifyCacheSubnetGroup", {
      CacheSubnetGroupName: "wire-subnets",
      CacheSubnetGroupDescription: "changed",
      "SubnetIds.SubnetIdentifier.1": "subnet-0a1",
    });
    await pollUntil(rgStatus, (s) => s === "available");
    await call("ListTagsForResource", {
      ResourceName: `arn:aws:elasticache:${emulator.region}:000000000000:cluster:wire-rg-001`,
    });
    await pollUntil(
      () =>
        status("DescribeServerlessCaches", "ServerlessCacheName", "wire-sc", "ServerlessCaches", "member"),
      (s) => s === "available",
    );
    await call("CreateServerlessCacheSnapshot", {
      ServerlessCacheName: "wire-sc",
      ServerlessCacheSnapshotName: "wire-sc-manual",
    });
    await pollUntil(rgStatus, (s) => s === "available");
    await call("CreateSnapshot", { ReplicationGroupId: "wire-rg", SnapshotName: "wire-manual" });
    await pollUntil(
      async () =>
        field(
          await call("DescribeSnapshots", { SnapshotName: "wire-manual" }),
          "Snapshots",
          "Snapshot",
          "SnapshotStatus",
        ),
      (s) => s === "available",
    );
    await call("DeleteSnapshot", { SnapshotName: "wire-manual" });
    await call("DeleteReplicationGroup", {
      ReplicationGroupId: "wire-rg",
      FinalSnapshotIdentifier: "wire-final",
    });
    await pollUntil(
      async () =>
        field(
          await call("DescribeSnapshots", { SnapshotName: "wire-final" }),
          "Snapshots",
          "Snapshot",
          "SnapshotStatus",
        ),
      (s) => s === "available",
    );
    await call("DeleteSnapshot", { SnapshotName: "wire-final" });
    await pollUntil(
      () =>
        status("DescribeServerlessCaches", "ServerlessCacheName", "wire-sc", "ServerlessCaches", "member"),
      (s) => s === "available",
    );
    await call("DeleteServerlessCache", {
      ServerlessCacheName: "wire-sc",
      FinalSnapshotName: "wire-sc-final",
    });
    const serverlessSnapshot = async (name = "wire-sc-final") =>
      field(
        await call("DescribeServerlessCacheSnapshots", { ServerlessCacheSnapshotName: name }),
        "ServerlessCacheSnapshots",
        "ServerlessCacheSnapshot",
        "Status",
      );
    await pollUntil(serverlessSnapshot, (s) => s === "available");
    await call("DeleteServerlessCacheSnapshot", { ServerlessCacheSnapshotName: "wire-sc-final" });
    await pollUntil(
      () => serverlessSnapshot("wire-sc-manual"),
      (s) => s === "available",
    );
    await call("DeleteServerlessCacheSnapshot", { ServerlessCacheSnapshotName: "wire-sc-manual" });
    await pollUntil(
      async () => field(await call("DescribeReplicationGroups"), "ReplicationGroups"),
      (groups) => groups === "",
    );
    await call("DeleteCacheParameterGroup", { CacheParameterGroupName: "wire-params" });
    await call("DeleteCacheSubnetGroup", { CacheSubnetGroupName: "wire-subnets" });
  });
});

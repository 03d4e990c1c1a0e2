import { fullEngineVersion } from "../model/engine-versions.js";
import type { CacheUsageLimits, ServerlessCache } from "../model/resources.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { endpointShape } from "./endpoint-shape.js";

const limitsShape = (limits: CacheUsageLimits | undefined): XmlObject | undefined =>
  limits && {
    DataStorage: limits.dataStorage && {
      Maximum: limits.dataStorage.maximum,
      Minimum: limits.dataStorage.minimum,
      Unit: limits.dataStorage.unit,
    },
    ECPUPerSecond: limits.ecpuPerSecond && {
      Maximum: limits.ecpuPerSecond.maximum,
      Minimum: limits.ecpuPerSecond.minimum,
    },
  };

/**
 * A ServerlessCache as DescribeServerlessCaches returns it: `Endpoint` is the cluster's primary,
 * `ReaderEndpoint` the same address on the reader's own port (AWS: 6379 and 6380).
 */
export function serverlessCacheShape(cache: ServerlessCache): XmlObject {
  const backend = cache.status === "creating" ? undefined : cache.backend;
  const endpoint = endpointShape(backend?.primary);
  const reader = endpointShape(backend?.reader);
  return {
    ServerlessCacheName: cache.id,
    Description: cache.description,
    CreateTime: cache.createdAt,
    Status: cache.status,
    Engine: cache.engine,
    MajorEngineVersion: cache.majorEngineVersion,
    FullEngineVersion: fullEngineVersion(cache.engine, cache.majorEngineVersion),
    CacheUsageLimits: limitsShape(cache.usageLimits),
    KmsKeyId: cache.kmsKeyId,
    StorageEncryptionType: cache.kmsKeyId ? "sse-kms" : "sse-elasticache",
    SecurityGroupIds: xmlList(cache.securityGroupIds, "SecurityGroupId"),
    Endpoint: endpoint,
    ReaderEndpoint: reader,
    ARN: cache.arn,
    UserGroupId: cache.userGroupId,
    SubnetIds: xmlList(cache.subnetIds, "SubnetId"),
    SnapshotRetentionLimit: cache.snapshotRetentionLimit,
    DailySnapshotTime: cache.dailySnapshotTime,
    NetworkType: "ipv4",
  };
}

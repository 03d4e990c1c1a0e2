/** What DescribeCacheParameters and DescribeEngineDefaultParameters report about a parameter. */
export interface ParameterInfo {
  name: string;
  /** The engine default (ElastiCache's default parameter groups). */
  defaultValue: string;
  dataType: "string" | "integer";
  allowedValues: string;
  description: string;
  /** `immediate`: applied to running nodes; `requires-reboot`: only at start. */
  changeType: "immediate" | "requires-reboot";
}

/**
 * The parameters this endpoint models, with ElastiCache's defaults for Redis OSS 7 / Valkey
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html).
 */
export const PARAMETER_CATALOG: readonly ParameterInfo[] = [
  {
    name: "cluster-enabled",
    defaultValue: "no",
    dataType: "string",
    allowedValues: "yes,no",
    description: "Enable cluster mode",
    changeType: "requires-reboot",
  },
  {
    name: "lfu-decay-time",
    defaultValue: "1",
    dataType: "integer",
    allowedValues: "0-",
    description: "The amount of time in minutes to decrement the key counter for LFU eviction policy",
    changeType: "immediate",
  },
  {
    name: "lfu-log-factor",
    defaultValue: "10",
    dataType: "integer",
    allowedValues: "1-",
    description: "The log factor for incrementing key counter for LFU eviction policy",
    changeType: "immediate",
  },
  {
    name: "maxmemory-policy",
    defaultValue: "volatile-lru",
    dataType: "string",
    allowedValues:
      "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction",
    description: "Max memory policy.",
    changeType: "immediate",
  },
  {
    name: "maxmemory-samples",
    defaultValue: "3",
    dataType: "integer",
    allowedValues: "1-",
    description: "Max memory samples.",
    changeType: "immediate",
  },
  {
    name: "notify-keyspace-events",
    defaultValue: "",
    dataType: "string",
    allowedValues: "",
    description: "The keyspace events for Redis to notify Pub/Sub clients about.",
    changeType: "immediate",
  },
  {
    name: "slowlog-log-slower-than",
    defaultValue: "10000",
    dataType: "integer",
    allowedValues: "-",
    description: "The execution time, in microseconds, to exceed in order for the command to get logged.",
    changeType: "immediate",
  },
  {
    name: "slowlog-max-len",
    defaultValue: "128",
    dataType: "integer",
    allowedValues: "0-",
    description: "The length of the slow log.",
    changeType: "immediate",
  },
  {
    name: "tcp-keepalive",
    defaultValue: "300",
    dataType: "integer",
    allowedValues: "0-",
    description: "If non-zero, send ACKs every given number of seconds.",
    changeType: "immediate",
  },
  {
    name: "timeout",
    defaultValue: "0",
    dataType: "integer",
    allowedValues: "0,20-",
    description: "Close connection if client is idle for a given number of seconds, or never if 0.",
    changeType: "immediate",
  },
];

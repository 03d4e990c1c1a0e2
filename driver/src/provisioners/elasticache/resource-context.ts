import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import type { Logger } from "pino";
import type { AwsClients } from "./aws-clients.js";
import type { ResourceNames } from "./names.js";
import type { NetworkResolver } from "./network.js";
import type { SharedCacheLookup } from "./shared-cache-lookup.js";
import type { SpecCache } from "./spec-cache.js";

/** Everything one operation on one resource needs: its names, the account's clients, shared lookups. */
export interface ResourceContext {
  /** The GUResID. */
  id: string;
  names: ResourceNames;
  clients: AwsClients;
  client: ElastiCacheClient;
  specs: SpecCache;
  network: NetworkResolver;
  sharedCaches: SharedCacheLookup;
  logger: Logger;
  now: () => Date;
}

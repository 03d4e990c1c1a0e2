import type { CacheParameterGroup } from "@aws-sdk/client-elasticache";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { DriverInputs, DriverSecrets } from "../../inputs/driver-inputs.js";
import type { Provisioner, ResourceRequest, ResourceState } from "../provisioner.js";
import type { AwsClientPool } from "./aws-clients.js";
import { elasticacheCapabilities } from "./elasticache-capabilities.js";
import { resourceNames } from "./names.js";
import { NetworkResolver, type NetworkDefaults } from "./network.js";
import {
  createNodeBased,
  deleteNodeBased,
  describeGroup,
  nodeBasedState,
  updateNodeBased,
} from "./node-based.js";
import { loneParameterGroupState } from "./lone-parameter-group.js";
import { deleteParameterGroup, describeParameterGroup } from "./parameter-group.js";
import { describeUser } from "./rbac.js";
import { removeParts, stateFromUser } from "./rbac-parts.js";
import type { ResourceContext } from "./resource-context.js";
import {
  createServerless,
  deleteServerless,
  describeServerless,
  serverlessState,
  updateServerless,
} from "./serverless.js";
import { elasticacheReadyProblem } from "./ready-check.js";
import { SharedCacheLookup } from "./shared-cache-lookup.js";
import { createShared, deleteShared, updateShared } from "./shared.js";
import { SpecCache } from "./spec-cache.js";
import { markDeleting } from "./tagging.js";

export interface ElastiCacheProvisionerOptions {
  pool: AwsClientPool;
  network: NetworkDefaults;
  logger: Logger;
  /** What /readyz checks: the driver's own credentials and one read, or nothing (accounts only). */
  readyCheck?: "credentials" | "off";
  now?: () => Date;
}

/** Where a resource lives: its replication group, serverless cache, or only its RBAC user. */
type Found =
  | { kind: "node-based"; group: NonNullable<Awaited<ReturnType<typeof describeGroup>>> }
  | { kind: "serverless"; cache: NonNullable<Awaited<ReturnType<typeof describeServerless>>> }
  | { kind: "user"; user: NonNullable<Awaited<ReturnType<typeof describeUser>>> }
  | { kind: "parameter-group"; group: CacheParameterGroup }
  | { kind: "absent" };

/**
 * DRIVER_PROVISIONER=elasticache: one provisioner, three deployments chosen per resource by the
 * input `deployment` (see node-based.ts, serverless.ts, shared.ts). Everything it knows of a resource
 * comes from AWS: names derived from the GUResID, inputs from descriptions and tags. What it keeps in
 * memory (SDK clients, tags by config hash, shared caches for a minute, which deployment an id had)
 * only saves calls. A look may take the next step of an operation ElastiCache does not let one call
 * finish (see rbac-parts.ts and nodeBasedState).
 */
export class ElastiCacheProvisioner implements Provisioner {
  readonly name = "elasticache";
  readonly capabilities = elasticacheCapabilities;
  readonly #pool: AwsClientPool;
  readonly #specs = new SpecCache();
  readonly #network: NetworkResolver;
  readonly #sharedCaches = new SharedCacheLookup();
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #readyCheck: "credentials" | "off";
  readonly #subnetGroup: string | undefined;
  /** Which deployment an id had last time, so a look asks that API first. */
  readonly #seen = new LRUCache<string, "node-based" | "serverless" | "user">({ max: 10_000 });

  constructor(options: ElastiCacheProvisionerOptions) {
    this.#pool = options.pool;
    this.#network = new NetworkResolver(options.network);
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#readyCheck = options.readyCheck ?? "credentials";
    this.#subnetGroup = options.network.subnetGroup;
  }

  /** Ready when the driver's own credentials resolve and one cheap read succeeds (ready-check.ts). */
  async checkReady(): Promise<string | undefined> {
    if (this.#readyCheck === "off") return undefined;
    return elasticacheReadyProblem(this.#pool.for({}).elasticache, this.#subnetGroup, this.#pool.region);
  }

  #context(id: string, secrets: DriverSecrets): ResourceContext {
    const clients = this.#pool.for(secrets);
    return {
      id,
      names: resourceNames(id),
      clients,
      client: clients.elasticache,
      specs: this.#specs,
      network: this.#network,
      sharedCaches: this.#sharedCaches,
      logger: this.#logger,
      now: this.#now,
    };
  }

  /**
   * Looks where the resource is: its replication group or serverless cache (the one it had last time
   * first), else its RBAC user, else a parameter group left behind. At most four Describe calls, and
   * one for a resource seen before.
   */
  async #find(ctx: ResourceContext): Promise<Found> {
    const lookups: Record<"node-based" | "serverless" | "user", () => Promise<Found | undefined>> = {
      "node-based": async () => {
        const group = await describeGroup(ctx);
        return group ? { kind: "node-based", group } : undefined;
      },
      serverless: async () => {
        const cache = await describeServerless(ctx);
        return cache ? { kind: "serverless", cache } : undefined;
      },
      user: async () => {
        const user = await describeUser(ctx.client, ctx.names.user);
        return user ? { kind: "user", user } : undefined;
      },
    };
    const order = [this.#seen.get(ctx.id), "node-based", "serverless", "user"].filter(
      (kind, index, all): kind is keyof typeof lookups => kind !== undefined && all.indexOf(kind) === index,
    );
    for (const kind of order) {
      const found = await lookups[kind]();
      // A user without a cache is a shared deployment or the parts of one in creation or deletion:
      // only the former is remembered, so the others look for their cache first.
      if (found) {
        if (kind !== "user") this.#seen.set(ctx.id, kind);
        return found;
      }
    }
    const group = await describeParameterGroup(ctx);
    return group ? { kind: "parameter-group", group } : { kind: "absent" };
  }

  async describe(id: string, secrets: DriverSecrets): Promise<ResourceState> {
    const ctx = this.#context(id, secrets);
    const found = await this.#find(ctx);
    switch (found.kind) {
      case "node-based":
        return nodeBasedState(ctx, found.group);
      case "serverless":
        return serverlessState(ctx, found.cache);
      case "user": {
        const state = (await stateFromUser(ctx, found.user)) ?? { status: "absent" };
        // A shared deployment has no cache: the next look asks for its user first.
        if ("spec" in state && state.spec.deployment === "shared") this.#seen.set(id, "user");
        return state;
      }
      case "parameter-group":
        return loneParameterGroupState(ctx, found.group);
      case "absent":
        return { status: "absent" };
    }
  }

  async create(request: ResourceRequest): Promise<void> {
    const ctx = this.#context(request.id, request.secrets);
    const deployment = request.spec.deployment;
    this.#seen.set(request.id, deployment === "shared" ? "user" : deployment);
    if (deployment === "serverless") await createServerless(ctx, request);
    else if (deployment === "shared") await createShared(ctx, request);
    else await createNodeBased(ctx, request);
  }

  async update(request: ResourceRequest, previous: DriverInputs): Promise<void> {
    const ctx = this.#context(request.id, request.secrets);
    const deployment = request.spec.deployment;
    if (deployment === "serverless") await updateServerless(ctx, request, previous);
    else if (deployment === "shared") await updateShared(ctx, request, previous);
    else await updateNodeBased(ctx, request, previous);
  }

  async delete(id: string, secrets: DriverSecrets): Promise<void> {
    const ctx = this.#context(id, secrets);
    const found = await this.#find(ctx);
    switch (found.kind) {
      case "node-based":
        return deleteNodeBased(ctx, found.group);
      case "serverless":
        return deleteServerless(ctx, found.cache);
      case "user": {
        const tagged = await this.#specs.tagsOf(ctx.client, found.user.ARN ?? "");
        if (!tagged?.spec) return;
        if (tagged.spec.deployment === "shared")
          return deleteShared(ctx, found.user, { spec: tagged.spec, deleting: tagged.deleting });
        if (!tagged.deleting) await markDeleting(ctx, found.user.ARN ?? "");
        return removeParts(ctx, tagged.spec);
      }
      case "parameter-group":
        await deleteParameterGroup(ctx);
        return;
      case "absent":
        return;
    }
  }

  async close(): Promise<void> {
    this.#pool.close();
  }
}

import type { Logger } from "pino";
import type { EnginePool } from "../engine/engine-pool.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import { CLUSTER_CAPABLE_FAMILIES } from "../model/cache-parameters.js";
import { arnOf, type Partition, type ResourceType } from "../model/arn.js";
import type { Background } from "../model/background.js";
import { EventLog } from "../model/event-log.js";
import type {
  ParameterGroup,
  ReplicationGroup,
  ServerlessCache,
  ServerlessSnapshot,
  Snapshot,
  SubnetGroup,
  User,
  UserGroup,
} from "../model/resources.js";
import { TagStore } from "../model/tags.js";

/** How long each status lasts before it moves on, in ms. */
export interface Delays {
  createMs: number;
  modifyMs: number;
  deleteMs: number;
}

export interface StateDependencies {
  partition: Partition;
  pool: EnginePool;
  background: Background;
  faults: FaultInjector;
  delays: Delays;
  logger: Logger;
  /** The VPC id reported for subnet groups. */
  vpcId: string;
}

export const DEFAULT_SUBNET_GROUP = "default";

/** Every resource of the endpoint, in memory: a restarted endpoint starts empty. */
export class EmulatorState {
  readonly replicationGroups = new Map<string, ReplicationGroup>();
  readonly serverlessCaches = new Map<string, ServerlessCache>();
  readonly users = new Map<string, User>();
  readonly userGroups = new Map<string, UserGroup>();
  readonly subnetGroups = new Map<string, SubnetGroup>();
  readonly parameterGroups = new Map<string, ParameterGroup>();
  readonly snapshots = new Map<string, Snapshot>();
  readonly serverlessSnapshots = new Map<string, ServerlessSnapshot>();
  readonly tags = new TagStore();
  readonly events = new EventLog();

  constructor(readonly deps: StateDependencies) {
    this.#seed();
  }

  arn(type: ResourceType, id: string): string {
    return arnOf(this.deps.partition, type, id);
  }

  /** What a new account has: the default subnet group, default parameter groups, the `default` user. */
  #seed(): void {
    this.subnetGroups.set(DEFAULT_SUBNET_GROUP, {
      name: DEFAULT_SUBNET_GROUP,
      arn: this.arn("subnetgroup", DEFAULT_SUBNET_GROUP),
      description: "default",
      vpcId: this.deps.vpcId,
      subnetIds: ["subnet-0a0000000000000a1", "subnet-0b0000000000000b2"],
    });
    for (const family of CLUSTER_CAPABLE_FAMILIES) {
      for (const cluster of ["no", "yes"]) {
        const name = cluster === "yes" ? `default.${family}.cluster.on` : `default.${family}`;
        this.parameterGroups.set(name, {
          name,
          arn: this.arn("parametergroup", name),
          family,
          description: `Default parameter group for ${family}${cluster === "yes" ? " with cluster mode on" : ""}`,
          isDefault: true,
          parameters: new Map([["cluster-enabled", cluster]]),
        });
      }
    }
    this.users.set("default", {
      id: "default",
      arn: this.arn("user", "default"),
      userName: "default",
      engine: "redis",
      status: "active",
      accessString: "on ~* +@all",
      authentication: "no-password",
      passwordSha256s: [],
    });
  }
}

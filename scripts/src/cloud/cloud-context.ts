import type { EndpointProblem, PublicEndpoint } from "./public-endpoint-check.js";
import { createHash } from "node:crypto";
import type { RedisOutputs } from "@elasticache-driver-kit/e2e";
import type { HumanitecApi } from "../humanitec/humanitec-api.js";
import type { ContainerTool } from "../images/container-tool.js";
import type { ImageRegistry } from "../images/image-registry.js";
import type { SourceVersion } from "../images/source-version.js";
import type { HumanitecAccess, PreflightResult } from "../preflight/cloud-preflight.js";
import { outputString, type StackOutputs, type StackRunner } from "../stack/stack-runner.js";
import type { ClusterAccess, OpenClusterAccess } from "./cluster-access.js";
import type { RunE2e } from "./e2e-runner.js";

/** Where `up --cloud` meets the world; tests pass fakes, production the real ones. */
export interface CloudDeps {
  readonly runner: StackRunner;
  readonly tool: ContainerTool;
  readonly registry: ImageRegistry;
  readonly openCluster: OpenClusterAccess;
  readonly runE2e: RunE2e;
  readonly humanitec: (
    access: HumanitecAccess,
  ) => Pick<HumanitecApi, "upsertDriver" | "upsertResourceDefinition">;
  readonly sourceVersion: () => Promise<SourceVersion>;
  /** Why Humanitec could not reach the driver's public address yet (certificate, DNS); undefined: it can. */
  readonly endpointProblem: (endpoint: PublicEndpoint) => Promise<EndpointProblem | undefined>;
  readonly now: () => Date;
  readonly repoRoot: string;
}

export interface CloudSettings {
  readonly stack: string;
  /** The workloads' Kubernetes namespace (also set on the stack). */
  readonly namespace: string;
  readonly certificateArn: string | undefined;
  readonly driverHostname: string | undefined;
  /** The platform the images are built for, e.g. `linux/arm64`; undefined: the stack's `nodePlatform`. */
  readonly platform: string | undefined;
  /** How long the cache may take to be created (ElastiCache: 10–20 minutes, sometimes more), in ms. */
  readonly cacheTimeoutMs: number;
  /** How long the deployed driver and sample app may take to answer `/readyz`, in ms. */
  readonly readyTimeoutMs: number;
  /** Pause between two looks at something AWS is doing, in ms. */
  readonly pollIntervalMs: number;
  /** The Humanitec driver id and resource definition id registration uses. */
  readonly driverId: string;
  readonly definitionId: string;
  readonly envType: string;
}

export const DRIVER_DEPLOYMENT = { name: "elasticache-driver", port: 8080 } as const;
export const SAMPLE_APP_DEPLOYMENT = { name: "sample-app", port: 8080 } as const;

/** The GUResID of the cache `up --cloud` creates: the same for a stack in a region, so a rerun finds it. */
export function upCacheGuresid(stack: string, region: string, account: string): string {
  return createHash("sha256").update(`up --cloud:${account}:${region}:${stack}`).digest("hex").slice(0, 40);
}

/** What the steps share while `up --cloud` runs; secrets stay here, in memory. */
export class CloudContext implements AsyncDisposable {
  outputs: StackOutputs = {};
  imageTag: string | undefined;
  cache: { readonly guresid: string; readonly outputs: RedisOutputs } | undefined;
  #cluster: Promise<ClusterAccess> | undefined;

  constructor(
    readonly settings: CloudSettings,
    readonly preflight: PreflightResult,
    readonly deps: CloudDeps,
    readonly signal: AbortSignal | undefined,
  ) {}

  get guresid(): string {
    return upCacheGuresid(this.settings.stack, this.preflight.region, this.preflight.account);
  }

  output(name: string): string | undefined {
    return outputString(this.outputs, name);
  }

  requireOutput(name: string): string {
    const value = this.output(name);
    if (value === undefined) throw new Error(`the stack has no output ${name} after its update`);
    return value;
  }

  /** The driver's bearer token (a stack output, secret). */
  driverToken(): string {
    return this.requireOutput("driverAuthToken");
  }

  async driverUrl(): Promise<string> {
    return `${await this.#forward(DRIVER_DEPLOYMENT)}/`;
  }

  async sampleAppUrl(): Promise<string> {
    return this.#forward(SAMPLE_APP_DEPLOYMENT);
  }

  /** Forgets forwards after a failed look, so the next look reaches a pod that runs now. */
  async dropForwards(): Promise<void> {
    const cluster = await this.#cluster?.catch(() => undefined);
    for (const { name, port } of [DRIVER_DEPLOYMENT, SAMPLE_APP_DEPLOYMENT]) {
      await cluster?.drop(this.settings.namespace, name, port);
    }
  }

  async #forward({ name, port }: { name: string; port: number }): Promise<string> {
    this.#cluster ??= this.deps.openCluster(this.requireOutput("kubeconfig"));
    return (await this.#cluster).forward(this.settings.namespace, name, port);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const cluster = await this.#cluster?.catch(() => undefined);
    await cluster?.close();
  }
}

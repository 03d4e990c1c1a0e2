import type {
  PendingOperation,
  StackConfig,
  StackOperationOptions,
  StackOutputs,
  StackResource,
  StackRunner,
} from "../../src/stack/stack-runner.js";

export const FAKE_KUBECONFIG = '{"apiVersion":"v1","kind":"Config","fake":true}';
export const FAKE_DRIVER_TOKEN = "fake-driver-bearer-token-abcdefghijklmnop";
export const FAKE_PATH_SECRET = "fakepathsecret0123456789abcdefghijkl";

export interface FakeStackOptions {
  /** Throws on this `up` call (1-based), after its first event. */
  readonly failOnUp?: number;
  /** Gives the stack a driverAuthPathSecret output. */
  readonly pathSecret?: boolean;
  /** An order log shared with other fakes. */
  readonly log?: string[];
  /** What a cancelled run left pending in the state. */
  readonly pending?: readonly PendingOperation[];
}

/**
 * The Automation API's stand-in: keeps the configuration as Pulumi does (each `up` adds keys), and
 * answers with the outputs the infra program gives for that configuration, secrets marked.
 */
export class FakeStackRunner implements StackRunner {
  readonly stackName = "test";
  readonly ups: StackConfig[] = [];
  readonly config: Record<string, { value: string; secret?: boolean }> = {};
  destroyed = 0;
  #outputs: StackOutputs = {};
  #resources: StackResource[] = [];

  constructor(private readonly options: FakeStackOptions = {}) {}

  async up(config: StackConfig, options: StackOperationOptions): Promise<StackOutputs> {
    this.ups.push(config);
    this.options.log?.push("stack up");
    Object.assign(this.config, config);
    options.onEvent({
      kind: "resource",
      phase: "started",
      op: "create",
      type: "aws:ec2/vpc:Vpc",
      name: "network-vpc",
    });
    await Promise.resolve();
    if (this.options.failOnUp === this.ups.length) {
      options.onEvent({
        kind: "diagnostic",
        severity: "error",
        message: "creating EKS Cluster: LimitExceeded",
      });
      throw new Error("update failed: creating EKS Cluster: LimitExceeded");
    }
    options.onEvent({
      kind: "resource",
      phase: "done",
      op: "create",
      type: "aws:ec2/vpc:Vpc",
      name: "network-vpc",
    });
    this.#outputs = this.#outputsFor();
    this.#resources = [
      { type: "aws:ec2/vpc:Vpc", name: "network-vpc" },
      { type: "eks:index:Cluster", name: "cluster" },
      { type: "aws:ec2/securityGroup:SecurityGroup", name: "cache-network" },
      { type: "kubernetes:apps/v1:Deployment", name: "driver" },
    ];
    return this.#outputs;
  }

  outputs(): Promise<StackOutputs> {
    this.options.log?.push("stack outputs");
    return Promise.resolve(this.#outputs);
  }

  resources(): Promise<readonly StackResource[]> {
    return Promise.resolve(this.#resources);
  }

  forget(typePrefix: string): Promise<readonly StackResource[]> {
    const gone = this.#resources.filter((resource) => resource.type.startsWith(typePrefix));
    this.#resources = this.#resources.filter((resource) => !gone.includes(resource));
    if (gone.length > 0) this.options.log?.push(`stack state: forgot ${gone.length} ${typePrefix}*`);
    return Promise.resolve(gone);
  }

  #pending: readonly PendingOperation[] | undefined;

  recoverPending(): Promise<readonly PendingOperation[]> {
    const pending = (this.#pending ??= this.options.pending ?? []);
    if (pending.length > 0) this.options.log?.push("stack refresh, pending creates cleared");
    this.#pending = [];
    return Promise.resolve(pending);
  }

  destroy(options: StackOperationOptions): Promise<void> {
    this.options.log?.push("stack destroy");
    options.onEvent({
      kind: "resource",
      phase: "started",
      op: "delete",
      type: "eks:index:Cluster",
      name: "cluster",
    });
    options.onEvent({
      kind: "resource",
      phase: "done",
      op: "delete",
      type: "eks:index:Cluster",
      name: "cluster",
    });
    this.destroyed += 1;
    this.#outputs = {};
    this.#resources = [];
    return Promise.resolve();
  }

  /** As if a previous run had brought the stack up with this configuration. */
  seed(config: StackConfig): void {
    Object.assign(this.config, config);
    this.#outputs = this.#outputsFor();
    this.#resources = [{ type: "aws:ec2/vpc:Vpc", name: "network-vpc" }];
  }

  #outputsFor(): StackOutputs {
    const key = (name: string) => this.config[`elasticache-driver-kit:${name}`]?.value;
    const plain = (value: string) => ({ value, secret: false });
    const secret = (value: string) => ({ value, secret: true });
    const ns = key("namespace") ?? "elasticache-driver";
    const tag = key("imageTag");
    const hostname = key("driverHostname");
    return {
      region: plain(this.config["aws:region"]?.value ?? ""),
      nodePlatform: plain(
        /^[a-z]+\d+[a-z]*g/.test(key("nodeInstanceType") ?? "") ? "linux/arm64" : "linux/amd64",
      ),
      vpcId: plain("vpc-0123456789abcdef0"),
      clusterName: plain("elasticache-driver-kit-test"),
      kubeconfig: secret(FAKE_KUBECONFIG),
      cacheSubnetGroupName: plain("elasticache-driver-kit-test-cache"),
      cacheSecurityGroupId: plain("sg-0123456789abcdef0"),
      driverRoleArn: plain("arn:aws:iam::123456789012:role/driver-role"),
      driverRepositoryUrl: plain(
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/elasticache-driver-kit-test/driver",
      ),
      sampleAppRepositoryUrl: plain(
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/elasticache-driver-kit-test/sample-app",
      ),
      driverAuthToken: secret(FAKE_DRIVER_TOKEN),
      ...(this.options.pathSecret ? { driverAuthPathSecret: secret(FAKE_PATH_SECRET) } : {}),
      ...(tag
        ? {
            driverUrl: plain(
              hostname ? `https://${hostname}/` : `http://elasticache-driver.${ns}.svc.cluster.local:8080/`,
            ),
          }
        : {}),
      ...(tag && key("sampleAppRedisHost")
        ? { sampleAppUrl: plain(`http://sample-app.${ns}.svc.cluster.local/`) }
        : {}),
    };
  }
}

import type { EndpointProblem, PublicEndpoint } from "../../src/cloud/public-endpoint-check.js";
import type { CloudDeps } from "../../src/cloud/cloud-context.js";
import type { ClusterAccess, OpenClusterAccess } from "../../src/cloud/cluster-access.js";
import type { RunE2e } from "../../src/cloud/e2e-runner.js";
import { HumanitecApi } from "../../src/humanitec/humanitec-api.js";
import type { BuildOptions, ContainerTool } from "../../src/images/container-tool.js";
import type { ImageRegistry } from "../../src/images/image-registry.js";
import type { SourceVersion } from "../../src/images/source-version.js";
import type { FakeStackRunner } from "./fake-stack-runner.js";

/** Kubernetes' stand-in: forwards to loopback servers standing in for the workloads. */
export class FakeCluster {
  readonly opened: string[] = [];
  readonly forwards: string[] = [];
  closed = 0;

  /** What `problem` answers: undefined, the API answers. */
  apiProblem: string | undefined;

  constructor(private readonly targets: Readonly<Record<string, string>>) {}

  readonly open: OpenClusterAccess = (kubeconfig) => {
    this.opened.push(kubeconfig);
    const close = () => {
      this.closed += 1;
      return Promise.resolve();
    };
    const access: ClusterAccess = {
      forward: (namespace, deployment, port) => {
        this.forwards.push(`${namespace}/${deployment}:${port}`);
        const target = this.targets[deployment];
        return target ? Promise.resolve(target) : Promise.reject(new Error(`no deployment ${deployment}`));
      },
      problem: () => Promise.resolve(this.apiProblem),
      drop: () => Promise.resolve(),
      close,
      [Symbol.asyncDispose]: close,
    };
    return Promise.resolve(access);
  };
}

/** The container tool's and ECR's stand-in: pushing puts the image in the registry. */
export class FakeImages {
  readonly logins: string[] = [];
  readonly builds: BuildOptions[] = [];
  readonly pushed = new Set<string>();
  /** Push fails for references containing this. */
  failPushOf: string | undefined;

  readonly tool: ContainerTool = {
    name: "docker",
    login: (registry, username) => {
      this.logins.push(`${username}@${registry}`);
      return Promise.resolve();
    },
    build: (options, onLine) => {
      onLine("STEP 1/3: FROM node:20");
      this.builds.push(options);
      return Promise.resolve();
    },
    push: (image) => {
      if (this.failPushOf !== undefined && image.includes(this.failPushOf)) {
        return Promise.reject(new Error(`docker push exited with 1:\ndenied: requested access to ${image}`));
      }
      this.pushed.add(image);
      return Promise.resolve();
    },
  };

  readonly registry: ImageRegistry = {
    credentials: () =>
      Promise.resolve({
        registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
        username: "AWS",
        password: "ecr-password",
      }),
    hasImage: (repositoryUrl, tag) => Promise.resolve(this.pushed.has(`${repositoryUrl}:${tag}`)),
  };
}

export interface FakeCloudParts {
  readonly runner: FakeStackRunner;
  readonly images: FakeImages;
  readonly cluster: FakeCluster;
  readonly e2e: { readonly runs: Record<string, string>[]; code: number };
  readonly repoRoot: string;
  readonly version?: SourceVersion;
  /** What the public address check answers (default: reachable); every check is recorded. */
  readonly endpoint?: { problem?: EndpointProblem; checks: PublicEndpoint[] };
}

export function fakeCloudDeps(parts: FakeCloudParts): CloudDeps {
  const runE2e: RunE2e = (env) => {
    parts.e2e.runs.push({ ...env });
    return Promise.resolve(parts.e2e.code);
  };
  return {
    runner: parts.runner,
    tool: parts.images.tool,
    registry: parts.images.registry,
    openCluster: parts.cluster.open,
    runE2e,
    humanitec: (access) => new HumanitecApi(access),
    sourceVersion: () => Promise.resolve(parts.version ?? { commit: "0123456789ab", dirty: false }),
    endpointProblem: (endpoint) => {
      parts.endpoint?.checks.push(endpoint);
      return Promise.resolve(parts.endpoint?.problem);
    },
    now: () => new Date("2026-11-30T12:00:00Z"),
    repoRoot: parts.repoRoot,
  };
}

import { STSClient } from "@aws-sdk/client-sts";
import { createAwsClients } from "../aws/aws-clients.js";
import { HumanitecApi } from "../humanitec/humanitec-api.js";
import { cliContainerTool } from "../images/container-tool.js";
import { ecrRegistry } from "../images/image-registry.js";
import { gitSourceVersion } from "../images/source-version.js";
import { commandProbe } from "../preflight/command-probe.js";
import type { PreflightDeps, PreflightResult } from "../preflight/cloud-preflight.js";
import { PulumiStackRunner } from "../stack/pulumi-stack-runner.js";
import type { CloudDeps, CloudSettings } from "./cloud-context.js";
import { kubectlClusterAccess } from "./cluster-access.js";
import { vitestE2eRunner } from "./e2e-runner.js";
import { acmClient, publicEndpointProblem, systemResolver } from "./public-endpoint-check.js";

export function productionPreflightDeps(): PreflightDeps {
  return { probe: commandProbe(), sts: (region) => new STSClient({ region }) };
}

/** The real stack, tools, registry, cluster and Humanitec for `up --cloud`. */
export function productionCloudDeps(
  settings: CloudSettings,
  preflight: PreflightResult,
  repoRoot: string,
): CloudDeps {
  const clients = createAwsClients(preflight.region);
  const acm = acmClient(preflight.region);
  return {
    runner: new PulumiStackRunner(settings.stack, repoRoot),
    tool: cliContainerTool(preflight.containerTool),
    registry: ecrRegistry(clients.ecr),
    openCluster: kubectlClusterAccess,
    runE2e: vitestE2eRunner(repoRoot),
    humanitec: (access) => new HumanitecApi(access),
    sourceVersion: () => gitSourceVersion(repoRoot),
    endpointProblem: (endpoint) => publicEndpointProblem(endpoint, acm, systemResolver()),
    now: () => new Date(),
    repoRoot,
  };
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateKubernetesObject } from "../../test/support/kubernetes-schemas.js";
import {
  READINESS_CHECK_BOUND_SECONDS,
  renderDriverManifests,
  type DriverManifestSettings,
} from "./driver-manifests.js";
import { renderNamespace } from "./namespace.js";
import { renderSampleAppManifests, sampleAppCacheEnvironment } from "./sample-app-manifests.js";

const settings: DriverManifestSettings = {
  namespace: "elasticache-driver",
  image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/kit-dev/driver:0.1.0",
  replicas: 2,
  roleArn: "arn:aws:iam::123456789012:role/driver",
  region: "us-east-1",
  cacheSubnetGroupName: "kit-dev-cache",
  cacheSecurityGroupId: "sg-0123",
  certificateArn: undefined,
  sourceRanges: ["34.159.97.57/32", "203.0.113.0/24"],
};

interface Pod {
  volumes: { name: string; projected?: { sources: { serviceAccountToken?: Record<string, unknown> }[] } }[];
  containers: {
    env: { name: string; value?: string }[];
    volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
    readinessProbe: { timeoutSeconds: number; periodSeconds: number };
  }[];
}
const podOf = (manifests: ReturnType<typeof renderDriverManifests>) =>
  (manifests.deployment.spec as { template: { spec: Pod } }).template.spec;

describe("manifests", () => {
  it("validate against the Kubernetes schemas", () => {
    const objects = [
      renderNamespace("elasticache-driver"),
      ...Object.values(renderDriverManifests(settings)),
      ...Object.values(
        renderDriverManifests({
          ...settings,
          certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
        }),
      ),
      ...Object.values(renderSampleAppManifests("elasticache-driver", "registry/sample-app:0.1.0")),
    ];
    for (const object of objects) expect(() => validateKubernetesObject(object as never)).not.toThrow();
  });

  it("are caught by the schema check when malformed", () => {
    const { deployment } = renderDriverManifests(settings);
    const broken = { ...deployment, spec: { ...(deployment.spec as object), replicas: "two" } };
    expect(() => validateKubernetesObject(broken as never)).toThrow(/replicas must be integer/);
    const badQuantity = renderSampleAppManifests("ns", "image");
    const container = (
      badQuantity.deployment.spec as { template: { spec: { containers: { resources: unknown }[] } } }
    ).template.spec.containers[0]!;
    container.resources = { limits: { memory: "lots" } };
    expect(() => validateKubernetesObject(badQuantity.deployment as never)).toThrow(/memory/);
  });

  it("carry the IAM role's web identity token and environment in the pod spec itself", () => {
    const pod = podOf(renderDriverManifests(settings));
    const env = Object.fromEntries(pod.containers[0]!.env.map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      AWS_ROLE_ARN: settings.roleArn,
      AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
      AWS_STS_REGIONAL_ENDPOINTS: "regional",
    });
    const volume = pod.volumes.find((v) => v.name === "aws-iam-token");
    expect(volume?.projected?.sources).toEqual([
      { serviceAccountToken: { audience: "sts.amazonaws.com", expirationSeconds: 86_400, path: "token" } },
    ]);
    expect(pod.containers[0]!.volumeMounts).toContainEqual({
      name: "aws-iam-token",
      mountPath: "/var/run/secrets/eks.amazonaws.com/serviceaccount",
      readOnly: true,
    });
  });

  it("give the readiness probe more time than the driver's slowest readiness answer", () => {
    const source = readFileSync(
      new URL("../../../driver/src/provisioners/elasticache/ready-check.ts", import.meta.url),
      "utf8",
    );
    const bound = Number(/READY_READ_TIMEOUT_MS = ([\d_]+);/.exec(source)?.[1]?.replace(/_/g, ""));
    expect(bound / 1000).toBe(READINESS_CHECK_BOUND_SECONDS);
    const probe = podOf(renderDriverManifests(settings)).containers[0]!.readinessProbe;
    expect(probe.timeoutSeconds).toBeGreaterThan(READINESS_CHECK_BOUND_SECONDS);
    expect(probe.periodSeconds).toBeGreaterThan(probe.timeoutSeconds);
  });

  it("let a node drain with one replica, and admit only the source ranges with the caller's address kept", () => {
    const manifests = renderDriverManifests({
      ...settings,
      replicas: 1,
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
    });
    expect(manifests.podDisruptionBudget.spec).toMatchObject({ maxUnavailable: 1 });
    expect(manifests.podDisruptionBudget.spec).not.toHaveProperty("minAvailable");
    expect(manifests.service.spec).toMatchObject({
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      loadBalancerSourceRanges: ["34.159.97.57/32", "203.0.113.0/24"],
    });
  });

  it("map a cache's outputs to the sample app's variables, leaving out what the cache has not", () => {
    expect(
      sampleAppCacheEnvironment({
        host: "h.example.com",
        port: 6380,
        username: undefined,
        password: "p",
        tls: true,
      }),
    ).toEqual({
      REDIS_HOST: "h.example.com",
      REDIS_PORT: "6380",
      REDIS_TLS: "true",
      REDIS_PASSWORD: "p",
    });
  });
});

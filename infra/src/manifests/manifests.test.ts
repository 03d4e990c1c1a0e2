import { describe, expect, it } from "vitest";
import { validateKubernetesObject } from "../../test/support/kubernetes-schemas.js";
import { renderDriverManifests, type DriverManifestSettings } from "./driver-manifests.js";
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
};

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

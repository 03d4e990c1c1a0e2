import { readFileSync } from "node:fs";
import {
  ELASTICACHE_IAM_ACTIONS,
  elasticacheIamPolicy,
  HUMANITEC_SOURCE_ADDRESSES,
} from "@elasticache-driver-kit/driver";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { planSubnets } from "../src/cidr-plan.js";
import { POLICIES } from "../src/policy/policies.js";
import { tableKeys } from "./support/markdown-table.js";
import { asPolicyResources, kubernetesObjects } from "./support/graph.js";
import { validateKubernetesObject } from "./support/kubernetes-schemas.js";
import { resourceArgs, violationsOf } from "./support/policy-args.js";
import {
  LOAD_BALANCER_HOSTNAME,
  NODE_SECURITY_GROUP_ID,
  OIDC_URL,
  ZONES,
  type RecordedResource,
} from "./support/pulumi-mocks.js";
import { runProgram, type ProgramRun } from "./support/run-program.js";

const P = "elasticache-driver-kit";
const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab";
const ASSUMABLE_ROLE = "arn:aws:iam::123456789012:role/humanitec-caches";
const ADMIN_ROLE = "arn:aws:iam::123456789012:role/ci-deploy";
const CACHE_HOST = "master.hk-abc.xyz123.use1.cache.amazonaws.com";
const CACHE_PASSWORD = "token-from-the-driver-0123";

interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: { name: string; emptyDir?: object }[];
}
interface Deployment {
  metadata: { name: string; namespace: string };
  spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> }; spec: PodSpec } };
}
interface Route {
  cidrBlock: string;
  gatewayId?: string;
  natGatewayId?: string;
}

const inputs = <T>(resource: RecordedResource) => resource.inputs as T;

/*
 * Each describe runs the program once under mocks, on a fresh copy of its modules; Pulumi's and the
 * providers' SDKs (node_modules) stay loaded, so the runs share one import of them.
 */
describe("the program, fully configured", () => {
  let run: ProgramRun;

  beforeAll(async () => {
    vi.resetModules();
    run = await runProgram(
      {
        "aws:region": "us-east-1",
        [`${P}:availabilityZoneCount`]: "3",
        [`${P}:natGateways`]: "one-per-az",
        [`${P}:imageTag`]: "0.1.0",
        [`${P}:certificateArn`]: CERTIFICATE,
        [`${P}:driverHostname`]: "driver.example.com",
        [`${P}:assumableRoleArns`]: JSON.stringify([ASSUMABLE_ROLE]),
        [`${P}:adminRoleArns`]: JSON.stringify([ADMIN_ROLE]),
        [`${P}:driverSourceRanges`]: "humanitec,203.0.113.0/24",
        [`${P}:sampleAppRedisHost`]: CACHE_HOST,
        [`${P}:sampleAppRedisPassword`]: CACHE_PASSWORD,
      },
      [`${P}:sampleAppRedisPassword`],
    );
  });

  it("exports every output, the credentials as secrets", () => {
    expect(run.outputs).toEqual({
      region: "us-east-1",
      vpcId: "vpc-network",
      clusterName: "elasticache-driver-kit-dev",
      kubeconfig: expect.stringContaining('"kind":"Config"'),
      cacheSubnetGroupName: "elasticache-driver-kit-dev-cache",
      cacheSecurityGroupId: "sg-cache-network",
      driverRoleArn: "arn:aws:iam::123456789012:role/driver-identity-id",
      driverRepositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/elasticache-driver-kit-dev/driver",
      sampleAppRepositoryUrl:
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/elasticache-driver-kit-dev/sample-app",
      driverAuthToken: expect.stringMatching(/^generated-driver-auth-token-x+$/),
      driverAuthPathSecret: expect.stringMatching(/^generated-driver-auth-path-secret-x+$/),
      driverUrl: "https://driver.example.com/",
      driverLoadBalancer: LOAD_BALANCER_HOSTNAME,
      sampleAppUrl: "http://sample-app.elasticache-driver.svc.cluster.local/",
      nodePlatform: "linux/amd64",
    });
    expect(run.secretOutputs).toEqual(
      expect.arrayContaining(["kubeconfig", "driverAuthToken", "driverAuthPathSecret"]),
    );
  });

  it("has each output described in the README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const documented = tableKeys(readme, "Output ");
    expect(documented.sort()).toEqual(Object.keys(run.outputs).sort());
  });

  it("spreads a private and a public subnet over each of three zones, by the CIDR plan", () => {
    const plan = planSubnets("10.0.0.0/16", 3);
    const subnets = run.ofType("aws:ec2/subnet:Subnet").map((s) => inputs<Record<string, unknown>>(s));
    expect(subnets.filter((s) => s.tags && (s.tags as Record<string, string>).tier === "private")).toEqual(
      plan.private.map((cidrBlock, i) => expect.objectContaining({ cidrBlock, availabilityZone: ZONES[i] })),
    );
    expect(subnets.filter((s) => (s.tags as Record<string, string>).tier === "public")).toEqual(
      plan.public.map((cidrBlock, i) => expect.objectContaining({ cidrBlock, availabilityZone: ZONES[i] })),
    );
    expect(subnets.every((s) => s.mapPublicIpOnLaunch === false)).toBe(true);
  });

  it("routes public subnets to the internet gateway and each private subnet to its zone's NAT gateway", () => {
    const routesOf = (subnetId: string): Route[] => {
      const association = run
        .ofType("aws:ec2/routeTableAssociation:RouteTableAssociation")
        .find((a) => inputs<{ subnetId: string }>(a).subnetId === subnetId)!;
      const table = run
        .ofType("aws:ec2/routeTable:RouteTable")
        .find((t) => t.id === inputs<{ routeTableId: string }>(association).routeTableId)!;
      return inputs<{ routes: Route[] }>(table).routes;
    };
    const nats = run.ofType("aws:ec2/natGateway:NatGateway");
    expect(nats.map((n) => inputs<{ subnetId: string }>(n).subnetId)).toEqual(
      [0, 1, 2].map((i) => `subnet-network-public-${i}`),
    );
    for (const i of [0, 1, 2]) {
      expect(routesOf(`subnet-network-public-${i}`)).toEqual([
        { cidrBlock: "0.0.0.0/0", gatewayId: "igw-network" },
      ]);
      expect(routesOf(`subnet-network-private-${i}`)).toEqual([
        { cidrBlock: "0.0.0.0/0", natGatewayId: `nat-network-${i}` },
      ]);
    }
  });

  it("puts caches and nodes only in private subnets", async () => {
    const privateIds = [0, 1, 2].map((i) => `subnet-network-private-${i}`);
    expect(
      inputs<{ subnetIds: string[] }>(run.one("aws:elasticache/subnetGroup:SubnetGroup")).subnetIds,
    ).toEqual(privateIds);
    expect(inputs<{ subnetIds: string[] }>(run.one("aws:eks/nodeGroup:NodeGroup")).subnetIds).toEqual(
      privateIds,
    );
    expect(inputs(run.one("eks:index:Cluster"))).toMatchObject({
      privateSubnetIds: privateIds,
      publicSubnetIds: [0, 1, 2].map((i) => `subnet-network-public-${i}`),
      nodeAssociatePublicIpAddress: false,
    });
    const privateSubnets = POLICIES.find((p) => p.name === "private-subnets-only")!;
    const violations: string[] = [];
    if ("validateStack" in privateSubnets) {
      await privateSubnets.validateStack(
        {
          resources: asPolicyResources(run.resources),
          stackTags: new Map(),
          getConfig: <T>() => ({}) as T,
          notApplicable: () => {
            throw new Error();
          },
        },
        (message) => violations.push(message),
      );
    }
    expect(violations).toEqual([]);
  });

  it("admits only the nodes' security group to caches, on the cache ports", () => {
    const cacheGroup = run.one("aws:ec2/securityGroup:SecurityGroup", "cache-network");
    expect(inputs<Record<string, unknown>>(cacheGroup).ingress).toBeUndefined();
    const rules = run
      .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((rule) => inputs<{ securityGroupId: string }>(rule).securityGroupId === cacheGroup.id);
    expect(rules.map((rule) => inputs(rule))).toEqual(
      [6379, 6380].map((port) =>
        expect.objectContaining({
          referencedSecurityGroupId: NODE_SECURITY_GROUP_ID,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
        }),
      ),
    );
    for (const rule of rules) expect(inputs<Record<string, unknown>>(rule)).not.toHaveProperty("cidrIpv4");
    expect(run.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
  });

  it("builds EKS with access entries, an OIDC provider and standard support", () => {
    expect(inputs(run.one("eks:index:Cluster"))).toMatchObject({
      name: "elasticache-driver-kit-dev",
      authenticationMode: "API",
      createOidcProvider: true,
      skipDefaultNodeGroup: true,
      upgradePolicy: { supportType: "STANDARD" },
    });
    expect(inputs(run.one("aws:eks/nodeGroup:NodeGroup"))).toMatchObject({
      clusterName: "elasticache-driver-kit-dev",
      instanceTypes: ["t3.small"],
      amiType: "AL2023_x86_64_STANDARD",
      scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 3 },
    });
  });

  it("grants the driver role exactly the documented actions, assumable only by its service account", () => {
    const rolePolicy = inputs<{ policy: string }>(
      run.one("aws:iam/rolePolicy:RolePolicy", "driver-identity"),
    );
    const document = JSON.parse(rolePolicy.policy) as { Statement: { Action: string[] }[] };
    expect(document).toEqual(elasticacheIamPolicy({ discovery: false, assumableRoleArns: [ASSUMABLE_ROLE] }));
    const granted = new Set(document.Statement.flatMap((statement) => statement.Action));
    const { discovery: _discovery, ...used } = ELASTICACHE_IAM_ACTIONS;
    expect([...granted].sort()).toEqual([...new Set(Object.values(used).flat())].sort());

    const role = inputs<{ assumeRolePolicy: string }>(run.one("aws:iam/role:Role", "driver-identity"));
    const trust = JSON.parse(role.assumeRolePolicy) as {
      Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    const issuer = OIDC_URL.replace("https://", "");
    expect(trust.Statement[0]!.Condition.StringEquals).toEqual({
      [`${issuer}:sub`]: "system:serviceaccount:elasticache-driver:elasticache-driver",
      [`${issuer}:aud`]: "sts.amazonaws.com",
    });
  });

  it("annotates the driver's service account with its role", () => {
    const account = inputs<{ metadata: { annotations: Record<string, string> } }>(
      run.one("kubernetes:core/v1:ServiceAccount"),
    );
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(run.outputs.driverRoleArn);
  });

  it("feeds the cluster's kubeconfig to the Kubernetes provider every workload uses", () => {
    const provider = run.one("pulumi:providers:kubernetes");
    expect(inputs<{ kubeconfig: string }>(provider).kubeconfig).toBe(run.outputs.kubeconfig);
    expect(provider.secretInputs).toContain("kubeconfig");
    const workloads = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads) expect(workload.provider).toMatch(/::cluster::cluster-id$/);
  });

  it("runs both Deployments with probes, requests and limits, non-root on a read-only root filesystem", () => {
    const deployments = run.ofType("kubernetes:apps/v1:Deployment").map((d) => inputs<Deployment>(d));
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(["elasticache-driver", "sample-app"]);
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const container of pod.containers) {
        expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
        expect(container.readinessProbe?.httpGet?.path).toBe("/readyz");
        expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(["cpu", "memory"]);
        expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(["cpu", "memory"]);
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(container.volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
      }
    }
  });

  it("runs two driver replicas in elasticache mode on the cache network, credentials from a Secret", () => {
    const driver = inputs<Deployment>(run.one("kubernetes:apps/v1:Deployment", "driver"));
    expect(driver.spec.replicas).toBe(2);
    const pod = driver.spec.template.spec;
    expect(pod.serviceAccountName).toBe("elasticache-driver");
    expect(pod.containers[0]!.image).toBe(`${String(run.outputs.driverRepositoryUrl)}:0.1.0`);
    const env = Object.fromEntries(pod.containers[0]!.env!.map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toEqual({
      DRIVER_PROVISIONER: "elasticache",
      DRIVER_AUTH: "token,path",
      HOST: "0.0.0.0",
      PORT: "8080",
      AWS_REGION: "us-east-1",
      AWS_ROLE_ARN: run.outputs.driverRoleArn,
      AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
      AWS_STS_REGIONAL_ENDPOINTS: "regional",
      ELASTICACHE_SUBNET_GROUP: run.outputs.cacheSubnetGroupName,
      ELASTICACHE_SECURITY_GROUP_IDS: run.outputs.cacheSecurityGroupId,
      DRIVER_SECRET_KEY: {
        secretKeyRef: { name: "elasticache-driver-credentials", key: "DRIVER_SECRET_KEY" },
      },
      DRIVER_AUTH_TOKEN: {
        secretKeyRef: { name: "elasticache-driver-credentials", key: "DRIVER_AUTH_TOKEN" },
      },
      DRIVER_AUTH_PATH_SECRET: {
        secretKeyRef: { name: "elasticache-driver-credentials", key: "DRIVER_AUTH_PATH_SECRET" },
      },
    });
    expect(driver.spec.template.metadata.annotations).toEqual({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": "8080",
      "prometheus.io/path": "/metrics",
    });
    const credentialsSecret = run.one("kubernetes:core/v1:Secret", "driver-credentials");
    expect(credentialsSecret.secretInputs).toContain("stringData");
    const credentials = inputs<{ stringData: Record<string, string> }>(credentialsSecret);
    expect(Object.keys(credentials.stringData).sort()).toEqual([
      "DRIVER_AUTH_PATH_SECRET",
      "DRIVER_AUTH_TOKEN",
      "DRIVER_SECRET_KEY",
    ]);
    expect(credentials.stringData.DRIVER_AUTH_TOKEN).toBe(run.outputs.driverAuthToken);
    expect(credentials.stringData.DRIVER_AUTH_PATH_SECRET).toBe(run.outputs.driverAuthPathSecret);
    expect(credentials.stringData.DRIVER_SECRET_KEY!.length).toBeGreaterThanOrEqual(32);
    expect(inputs(run.one("kubernetes:policy/v1:PodDisruptionBudget"))).toMatchObject({
      spec: { maxUnavailable: 1 },
    });
  });

  it("exposes the driver over HTTPS through a load balancer with the configured certificate", () => {
    const service = inputs<{
      metadata: { annotations: Record<string, string> };
      spec: { type: string; ports: unknown[] };
    }>(run.one("kubernetes:core/v1:Service", "driver"));
    expect(service.spec.type).toBe("LoadBalancer");
    expect(service.spec.ports).toEqual([{ name: "https", port: 443, targetPort: "http", protocol: "TCP" }]);
    expect(service.metadata.annotations).toMatchObject({
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": CERTIFICATE,
      "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "https",
    });
  });

  it("admits Humanitec's published addresses and the configured ranges, keeping the caller's address", () => {
    const service = inputs<{ spec: { externalTrafficPolicy: string; loadBalancerSourceRanges: string[] } }>(
      run.one("kubernetes:core/v1:Service", "driver"),
    );
    expect(service.spec.externalTrafficPolicy).toBe("Local");
    expect(service.spec.loadBalancerSourceRanges).toEqual([...HUMANITEC_SOURCE_ADDRESSES, "203.0.113.0/24"]);
  });

  it("makes the configured roles cluster administrators through access entries on the created cluster", () => {
    expect(inputs(run.one("aws:eks/accessEntry:AccessEntry"))).toMatchObject({
      clusterName: "elasticache-driver-kit-dev",
      principalArn: ADMIN_ROLE,
      type: "STANDARD",
    });
    expect(inputs(run.one("aws:eks/accessPolicyAssociation:AccessPolicyAssociation"))).toEqual({
      clusterName: "elasticache-driver-kit-dev",
      principalArn: ADMIN_ROLE,
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      accessScope: { type: "cluster" },
    });
  });

  it("gives the sample app its cache's outputs from a Secret", () => {
    const cacheSecret = run.one("kubernetes:core/v1:Secret", "sample-app-cache");
    expect(cacheSecret.secretInputs).toContain("stringData");
    const secret = inputs<{ metadata: { name: string }; stringData: Record<string, string> }>(cacheSecret);
    expect(secret.stringData).toEqual({
      REDIS_HOST: CACHE_HOST,
      REDIS_PORT: "6379",
      REDIS_TLS: "true",
      REDIS_PASSWORD: CACHE_PASSWORD,
    });
    const app = inputs<Deployment>(run.one("kubernetes:apps/v1:Deployment", "sample-app"));
    expect(app.spec.template.spec.containers[0]!.envFrom).toEqual([
      { secretRef: { name: secret.metadata.name } },
    ]);
  });

  it("renders only Kubernetes objects that validate against the Kubernetes schemas", () => {
    const objects = kubernetesObjects(run.resources);
    expect(objects.map((o) => o.kind).sort()).toEqual([
      "Deployment",
      "Deployment",
      "Namespace",
      "PodDisruptionBudget",
      "Secret",
      "Secret",
      "Service",
      "Service",
      "ServiceAccount",
    ]);
    for (const object of objects) expect(() => validateKubernetesObject(object)).not.toThrow();
  });

  it("passes every resource policy of the policy pack", async () => {
    const violations: string[] = [];
    for (const policy of POLICIES) {
      if (!("validateResource" in policy)) continue;
      for (const resource of asPolicyResources(run.resources)) {
        violations.push(
          ...(await violationsOf(policy, resourceArgs(resource.type, resource.props, {}, resource.name))),
        );
      }
    }
    expect(violations).toEqual([]);
    const tagged = run.resources.filter(
      (r) => r.type === "aws:ec2/vpc:Vpc" || r.type === "aws:eks/nodeGroup:NodeGroup",
    );
    for (const resource of tagged)
      expect(inputs<{ tags: object }>(resource).tags).toMatchObject({ project: P, stack: "dev" });
  });
});

describe("the program with an image but no certificate", () => {
  let run: ProgramRun;

  beforeAll(async () => {
    vi.resetModules();
    run = await runProgram({ "aws:region": "eu-west-1", "elasticache-driver-kit:imageTag": "0.1.0" });
  });

  it("keeps the driver inside the cluster, on plain HTTP", () => {
    const service = run.one("kubernetes:core/v1:Service", "driver").inputs as {
      metadata: { annotations?: unknown };
      spec: { type: string; ports: unknown[] };
    };
    expect(service.spec).toMatchObject({
      type: "ClusterIP",
      ports: [{ name: "http", port: 8080, targetPort: "http" }],
    });
    expect(service.metadata.annotations).toBeUndefined();
    expect(run.outputs.driverUrl).toBe(
      "http://elasticache-driver.elasticache-driver.svc.cluster.local:8080/",
    );
    expect(run.outputs.driverLoadBalancer).toBeUndefined();
  });

  it("uses one NAT gateway for both of the region's first zones", () => {
    const zones = run.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
    expect(new Set(zones)).toEqual(new Set(["eu-west-1a", "eu-west-1b"]));
    expect(run.ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    const privateTables = run
      .ofType("aws:ec2/routeTable:RouteTable")
      .filter((t) => t.name.includes("private"));
    expect(privateTables.map((t) => t.inputs.routes)).toEqual([
      [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-network-0" }],
      [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-network-0" }],
    ]);
  });

  it("deploys no sample app until its cache is configured", () => {
    expect(run.ofType("kubernetes:apps/v1:Deployment").map((d) => d.name)).toEqual(["driver"]);
    expect(run.outputs.sampleAppUrl).toBeUndefined();
  });

  it("generates the driver's key and token once, as secrets in the stack's state", () => {
    const passwords = run.ofType("random:index/randomPassword:RandomPassword");
    expect(passwords.map((p) => [p.name, p.inputs.length, p.inputs.special])).toEqual(
      expect.arrayContaining([
        ["driver-auth-token", 48, false],
        ["driver-auth-path-secret", 48, false],
        ["driver-secret-key", 64, false],
      ]),
    );
    expect(run.secretOutputs).toContain("driverAuthToken");
    expect(run.secretOutputs).toContain("driverAuthPathSecret");
  });

  it("grants no role assumption when no Resource Account role is configured", () => {
    const policy = JSON.parse(String(run.one("aws:iam/rolePolicy:RolePolicy").inputs.policy)) as {
      Statement: { Action: string[] }[];
    };
    expect(policy.Statement.flatMap((s) => s.Action)).not.toContain("sts:AssumeRole");
  });
});

describe("the program before any image is pushed", () => {
  let run: ProgramRun;

  beforeAll(async () => {
    vi.resetModules();
    run = await runProgram({ "aws:region": "us-east-1" });
  });

  it("creates the infrastructure and the repositories, but no workload", () => {
    expect(run.ofType("aws:ecr/repository:Repository")).toHaveLength(2);
    // The driver key already exists: the passwords it derives must not change when the workload comes.
    expect(run.ofType("random:index/randomPassword:RandomPassword").map((r) => r.name)).toContain(
      "driver-secret-key",
    );
    expect(run.ofType("aws:eks/nodeGroup:NodeGroup")).toHaveLength(1);
    const kubernetes = run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.type);
    expect(kubernetes).toEqual(["kubernetes:core/v1:Namespace"]);
  });

  it("exports what pushing images and registering the driver need, and no driver URL yet", () => {
    for (const key of [
      "region",
      "vpcId",
      "clusterName",
      "kubeconfig",
      "cacheSubnetGroupName",
      "cacheSecurityGroupId",
      "driverRoleArn",
      "driverRepositoryUrl",
      "sampleAppRepositoryUrl",
      "driverAuthToken",
      "driverAuthPathSecret",
    ]) {
      expect(run.outputs[key], key).toEqual(expect.any(String));
    }
    expect(run.outputs.driverUrl).toBeUndefined();
  });

  it("spans the region's first two zones", () => {
    const zones = run.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
    expect(new Set(zones)).toEqual(new Set(["us-east-1a", "us-east-1b"]));
  });
});

describe("the program with an invalid configuration", () => {
  it("stops before creating anything, listing every problem", async () => {
    vi.resetModules();
    const attempt = runProgram({
      "aws:region": "us-east-1",
      "elasticache-driver-kit:nodeCount": "100",
      "elasticache-driver-kit:natGateways": "many",
    });
    const error = await attempt.then(
      () => new Error("expected the program to stop"),
      (thrown: unknown) => thrown as Error,
    );
    expect(error.message).toMatch(/^Invalid stack configuration:\n/);
    expect(error.message).toContain(
      'elasticache-driver-kit:nodeCount: must be a whole number from 1 to 20; got "100"',
    );
    expect(error.message).toContain(
      'elasticache-driver-kit:natGateways: must be "single" (dev) or "one-per-az" (prod)',
    );
  });
});

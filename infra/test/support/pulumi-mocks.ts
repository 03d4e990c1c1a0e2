import * as pulumi from "@pulumi/pulumi";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
/** The zones the mocks report for us-east-1 (other regions get theirs, `<region>a` to `c`). */
export const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
export const OIDC_URL = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF";
export const NODE_SECURITY_GROUP_ID = "sg-0eksclusternodes";
export const LOAD_BALANCER_HOSTNAME = "a1b2c3-0123456789.elb.us-east-1.amazonaws.com";

/** One resource the program registered: what it asked for and what the mock answered. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  readonly state: Record<string, unknown>;
  /** Reference of the provider it was registered with (`urn::id`), if not the default one. */
  readonly provider: string | undefined;
  /** Paths (`stringData`, `stringData.KEY`) of inputs that were passed as secrets. */
  readonly secretInputs: readonly string[];
}

/** Pulumi's marker of a serialized secret value. */
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** The inputs with secret markers removed, and where they were. */
function unwrapSecrets(value: unknown, path: string, secrets: string[]): unknown {
  if (Array.isArray(value)) return value.map((entry, i) => unwrapSecrets(entry, `${path}.${i}`, secrets));
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object[SIGNATURE_KEY] === SECRET_SIGNATURE) {
    secrets.push(path.slice(1));
    return unwrapSecrets(object.value, path, secrets);
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, entry]) => [key, unwrapSecrets(entry, `${path}.${key}`, secrets)]),
  );
}

const kubeconfig = (clusterName: string) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: clusterName, cluster: { server: "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com" } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
    "current-context": clusterName,
    users: [
      {
        name: clusterName,
        user: { exec: { command: "aws", args: ["eks", "get-token", "--cluster-name", clusterName] } },
      },
    ],
  });

/**
 * What AWS, EKS and Kubernetes would answer, as far as the program reads it: ids, ARNs, URLs. Remote
 * components (eks.Cluster) are one resource here, so their outputs are answered directly.
 */
function answer(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): { id: string; state: Record<string, unknown> } {
  const id = `${name}-id`;
  switch (type) {
    case "eks:index:Cluster": {
      const clusterName = String(inputs.name);
      return {
        id: "",
        state: {
          kubeconfigJson: kubeconfig(clusterName),
          eksCluster: { name: clusterName },
          oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_URL.replace("https://", "")}`,
          oidcProviderUrl: OIDC_URL,
          oidcIssuer: OIDC_URL.replace("https://", ""),
          nodeSecurityGroupId: NODE_SECURITY_GROUP_ID,
          clusterSecurityGroupId: NODE_SECURITY_GROUP_ID,
        },
      };
    }
    case "aws:ec2/vpc:Vpc":
      return {
        id: `vpc-${name}`,
        state: { ...inputs, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-${name}` },
      };
    case "aws:ec2/subnet:Subnet":
      return { id: `subnet-${name}`, state: inputs };
    case "aws:ec2/internetGateway:InternetGateway":
      return { id: `igw-${name}`, state: inputs };
    case "aws:ec2/natGateway:NatGateway":
      return { id: `nat-${name}`, state: inputs };
    case "aws:ec2/securityGroup:SecurityGroup":
      return { id: `sg-${name}`, state: inputs };
    case "aws:iam/role:Role":
      return { id, state: { ...inputs, name: id, arn: `arn:aws:iam::${ACCOUNT}:role/${id}` } };
    case "aws:ecr/repository:Repository":
      return {
        id,
        state: {
          ...inputs,
          repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${String(inputs.name)}`,
        },
      };
    case "random:index/randomPassword:RandomPassword":
      return { id, state: { ...inputs, result: `generated-${name}-`.padEnd(Number(inputs.length), "x") } };
    case "kubernetes:core/v1:Service":
      return {
        id,
        state: { ...inputs, status: { loadBalancer: { ingress: [{ hostname: LOAD_BALANCER_HOSTNAME }] } } },
      };
    default:
      return { id, state: inputs };
  }
}

/** Installs mocks that answer like AWS and record every resource the program registers. */
export async function recordResources(config: Record<string, string>, secretKeys: string[] = []) {
  const resources: RecordedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const secretInputs: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretInputs) as Record<string, unknown>;
        const { id, state } = answer(args.type, args.name, inputs);
        resources.push({
          type: args.type,
          name: args.name,
          inputs,
          id,
          state,
          provider: args.provider,
          secretInputs,
        });
        return { id, state };
      },
      call(args) {
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
          const region = config["aws:region"] ?? REGION;
          const names = ["a", "b", "c"].map((letter) => `${region}${letter}`);
          return { names, zoneIds: names.map((_, i) => `az${i + 1}`), id: region };
        }
        throw new Error(`the program calls ${args.token}, which the mocks do not answer`);
      },
    },
    "elasticache-driver-kit",
    "dev",
    false,
  );
  pulumi.runtime.setAllConfig(config, secretKeys);
  return resources;
}

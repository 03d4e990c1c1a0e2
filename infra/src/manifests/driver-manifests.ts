import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import {
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
  tmpMount,
  tmpVolume,
  workloadLabels,
} from "./pod-security.js";

export const DRIVER_NAME = "elasticache-driver";
export const DRIVER_PORT = 8080;
/** Holds `DRIVER_SECRET_KEY`, `DRIVER_AUTH_TOKEN` and `DRIVER_AUTH_PATH_SECRET`. */
export const DRIVER_CREDENTIALS_SECRET = "elasticache-driver-credentials";
/**
 * Where the pod reads its IAM web identity token: the path and audience EKS's pod identity webhook
 * would use (EKS user guide, "IAM roles for service accounts", the environment it injects). The pod
 * spec carries them itself, so a pod the webhook did not mutate (a ServiceAccount created moments
 * before, aws/amazon-eks-pod-identity-webhook#174) still runs as the driver's role, not the node's.
 * A webhook that does mutate the pod leaves it as it is: its handler returns early when the pod
 * already has a volume of this name, and adds no variable a container already sets.
 */
export const WEB_IDENTITY_TOKEN_DIR = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
export const WEB_IDENTITY_VOLUME = "aws-iam-token";
/**
 * `/readyz`'s slowest answer: the first check of a pod waits for one ElastiCache read, which the
 * driver bounds at 3 s (driver/src/provisioners/elasticache/ready-check.ts); later probes are
 * answered within a second from the last result. The probe's timeout stays above it.
 */
export const READINESS_CHECK_BOUND_SECONDS = 3;

/** Plain values in tests; in the program, the outputs of the resources they come from. */
export interface DriverManifestSettings {
  readonly namespace: string;
  readonly image: pulumi.Input<string>;
  readonly replicas: number;
  /** The driver role, assumed through the service account (IAM roles for service accounts). */
  readonly roleArn: pulumi.Input<string>;
  readonly region: string;
  readonly cacheSubnetGroupName: pulumi.Input<string>;
  readonly cacheSecurityGroupId: pulumi.Input<string>;
  /** Set: the Service is a network load balancer terminating TLS with this ACM certificate. */
  readonly certificateArn: string | undefined;
  /** Who may reach that load balancer (CIDRs); the caller's address reaches the pod unchanged. */
  readonly sourceRanges: readonly string[];
}

export interface DriverManifests {
  readonly serviceAccount: k8s.types.input.core.v1.ServiceAccount;
  readonly deployment: k8s.types.input.apps.v1.Deployment;
  readonly podDisruptionBudget: k8s.types.input.policy.v1.PodDisruptionBudget;
  readonly service: k8s.types.input.core.v1.Service;
}

const fromCredentials = (name: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: DRIVER_CREDENTIALS_SECRET, key: name } },
});

/**
 * The driver in elasticache mode: stateless, so replicas spread over nodes and any of them answers;
 * the cache network is its default for every cache it creates.
 */
export function renderDriverManifests(s: DriverManifestSettings): DriverManifests {
  const metadata = { name: DRIVER_NAME, namespace: s.namespace, labels: workloadLabels(DRIVER_NAME) };
  const probe = (path: string, periodSeconds: number, timeoutSeconds: number) => ({
    httpGet: { path, port: "http" },
    periodSeconds,
    timeoutSeconds,
    failureThreshold: 3,
  });
  return {
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { ...metadata, annotations: { "eks.amazonaws.com/role-arn": s.roleArn } },
    },
    deployment: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata,
      spec: {
        replicas: s.replicas,
        selector: { matchLabels: selectorLabels(DRIVER_NAME) },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: {
            labels: workloadLabels(DRIVER_NAME),
            annotations: {
              "prometheus.io/scrape": "true",
              "prometheus.io/port": String(DRIVER_PORT),
              "prometheus.io/path": "/metrics",
            },
          },
          spec: {
            serviceAccountName: DRIVER_NAME,
            // The driver never calls the Kubernetes API; its AWS token is the projected volume below.
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(),
            terminationGracePeriodSeconds: 30,
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: "kubernetes.io/hostname",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels: selectorLabels(DRIVER_NAME) },
              },
            ],
            containers: [
              {
                name: "driver",
                image: s.image,
                ports: [{ name: "http", containerPort: DRIVER_PORT, protocol: "TCP" }],
                env: [
                  { name: "DRIVER_PROVISIONER", value: "elasticache" },
                  // Scripts and CI send the token; Humanitec's hosted orchestrator calls the secret path.
                  { name: "DRIVER_AUTH", value: "token,path" },
                  { name: "HOST", value: "0.0.0.0" },
                  { name: "PORT", value: String(DRIVER_PORT) },
                  { name: "AWS_REGION", value: s.region },
                  { name: "AWS_ROLE_ARN", value: s.roleArn },
                  { name: "AWS_WEB_IDENTITY_TOKEN_FILE", value: `${WEB_IDENTITY_TOKEN_DIR}/token` },
                  { name: "AWS_STS_REGIONAL_ENDPOINTS", value: "regional" },
                  { name: "ELASTICACHE_SUBNET_GROUP", value: s.cacheSubnetGroupName },
                  { name: "ELASTICACHE_SECURITY_GROUP_IDS", value: s.cacheSecurityGroupId },
                  fromCredentials("DRIVER_SECRET_KEY"),
                  fromCredentials("DRIVER_AUTH_TOKEN"),
                  fromCredentials("DRIVER_AUTH_PATH_SECRET"),
                ],
                resources: {
                  requests: { cpu: "100m", memory: "128Mi" },
                  limits: { cpu: "500m", memory: "256Mi" },
                },
                livenessProbe: probe("/healthz", 10, 2),
                readinessProbe: probe("/readyz", 10, READINESS_CHECK_BOUND_SECONDS + 2),
                securityContext: restrictedContainerSecurity(),
                volumeMounts: [
                  tmpMount(),
                  { name: WEB_IDENTITY_VOLUME, mountPath: WEB_IDENTITY_TOKEN_DIR, readOnly: true },
                ],
              },
            ],
            volumes: [
              tmpVolume(),
              {
                name: WEB_IDENTITY_VOLUME,
                projected: {
                  sources: [
                    {
                      serviceAccountToken: {
                        audience: "sts.amazonaws.com",
                        expirationSeconds: 86_400,
                        path: "token",
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      },
    },
    podDisruptionBudget: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata,
      // One pod at a time may go; `minAvailable: 1` would block every node drain with one replica.
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(DRIVER_NAME) } },
    },
    service: renderDriverService(metadata, s.certificateArn, s.sourceRanges),
  };
}

/**
 * Without a certificate the driver stays inside the cluster. With one, a network load balancer in the
 * public subnets terminates TLS on 443 and forwards plain HTTP to the pods: Humanitec calls drivers
 * over HTTPS only, and the bearer token must not cross the internet in clear. Only `sourceRanges`
 * may connect, and `externalTrafficPolicy: Local` sends traffic only to nodes running a driver pod,
 * without the node's address translation, so the pod sees the caller's address
 * (`DRIVER_AUTH_SOURCES` can check it; Kubernetes documentation, "Preserving the client source IP").
 */
function renderDriverService(
  metadata: { name: string; namespace: string; labels: Record<string, string> },
  certificateArn: string | undefined,
  sourceRanges: readonly string[],
): k8s.types.input.core.v1.Service {
  const selector = selectorLabels(DRIVER_NAME);
  if (!certificateArn) {
    return {
      apiVersion: "v1",
      kind: "Service",
      metadata,
      spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: DRIVER_PORT, targetPort: "http" }] },
    };
  }
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      ...metadata,
      annotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
        "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": certificateArn,
        "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "https",
        "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "tcp",
        "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy":
          "ELBSecurityPolicy-TLS13-1-2-2021-06",
      },
    },
    spec: {
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      loadBalancerSourceRanges: [...sourceRanges],
      selector,
      ports: [{ name: "https", port: 443, targetPort: "http", protocol: "TCP" }],
    },
  };
}

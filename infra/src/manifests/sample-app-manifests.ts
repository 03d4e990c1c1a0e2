import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { SampleAppCache } from "../config/stack-config.js";
import {
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
  tmpMount,
  tmpVolume,
  workloadLabels,
} from "./pod-security.js";

export const SAMPLE_APP_NAME = "sample-app";
export const SAMPLE_APP_PORT = 8080;
/** Holds the cache's outputs as the app's `REDIS_*` variables. */
export const SAMPLE_APP_CACHE_SECRET = "sample-app-cache";

/** The driver's outputs as the variables the sample app reads (see sample-app/README.md). */
export function sampleAppCacheEnvironment(cache: SampleAppCache): Record<string, string> {
  return {
    REDIS_HOST: cache.host,
    REDIS_PORT: String(cache.port),
    REDIS_TLS: String(cache.tls),
    ...(cache.username === undefined ? {} : { REDIS_USERNAME: cache.username }),
    ...(cache.password === undefined ? {} : { REDIS_PASSWORD: cache.password }),
  };
}

export interface SampleAppManifests {
  readonly deployment: k8s.types.input.apps.v1.Deployment;
  readonly service: k8s.types.input.core.v1.Service;
}

export function renderSampleAppManifests(namespace: string, image: pulumi.Input<string>): SampleAppManifests {
  const metadata = { name: SAMPLE_APP_NAME, namespace, labels: workloadLabels(SAMPLE_APP_NAME) };
  const probe = (path: string, periodSeconds: number) => ({
    httpGet: { path, port: "http" },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });
  return {
    deployment: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: selectorLabels(SAMPLE_APP_NAME) },
        template: {
          metadata: { labels: workloadLabels(SAMPLE_APP_NAME) },
          spec: {
            automountServiceAccountToken: false,
            // A Service named "redis" would otherwise inject REDIS_PORT=tcp://... into the app.
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(),
            containers: [
              {
                name: "sample-app",
                image,
                ports: [{ name: "http", containerPort: SAMPLE_APP_PORT, protocol: "TCP" }],
                env: [
                  { name: "HOST", value: "0.0.0.0" },
                  { name: "PORT", value: String(SAMPLE_APP_PORT) },
                ],
                envFrom: [{ secretRef: { name: SAMPLE_APP_CACHE_SECRET } }],
                resources: {
                  requests: { cpu: "50m", memory: "96Mi" },
                  limits: { cpu: "250m", memory: "192Mi" },
                },
                livenessProbe: probe("/healthz", 10),
                readinessProbe: probe("/readyz", 5),
                securityContext: restrictedContainerSecurity(),
                volumeMounts: [tmpMount()],
              },
            ],
            volumes: [tmpVolume()],
          },
        },
      },
    },
    service: {
      apiVersion: "v1",
      kind: "Service",
      metadata,
      spec: {
        type: "ClusterIP",
        selector: selectorLabels(SAMPLE_APP_NAME),
        ports: [{ name: "http", port: 80, targetPort: "http" }],
      },
    },
  };
}

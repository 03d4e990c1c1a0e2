import type * as k8s from "@pulumi/kubernetes";

/** The workloads' namespace; admission rejects any pod that is not "restricted" (non-root and so on). */
export function renderNamespace(name: string): k8s.types.input.core.v1.Namespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: {
        "app.kubernetes.io/part-of": "elasticache-driver-kit",
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      },
    },
  };
}

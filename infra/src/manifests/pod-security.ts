import type * as k8s from "@pulumi/kubernetes";

/**
 * The Kubernetes "restricted" Pod Security Standard, which the namespace enforces. 1000 is the
 * numeric `node` user both images run as, so `runAsNonRoot` can verify it.
 */
export function restrictedPodSecurity(): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: 1000,
    runAsGroup: 1000,
    fsGroup: 1000,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function restrictedContainerSecurity(): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
  };
}

/** The only writable path of a read-only container: Node and its libraries may write temporary files. */
export function tmpVolume(): k8s.types.input.core.v1.Volume {
  return { name: "tmp", emptyDir: { sizeLimit: "64Mi" } };
}

export function tmpMount(): k8s.types.input.core.v1.VolumeMount {
  return { name: "tmp", mountPath: "/tmp" };
}

/** Labels every object of the kit carries; `app.kubernetes.io/name` selects a workload's pods. */
export function workloadLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "elasticache-driver-kit" };
}

export function selectorLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name };
}

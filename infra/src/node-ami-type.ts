export type NodeAmiType = "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD";

/**
 * The EKS-optimised Amazon Linux 2023 image for an instance type. Graviton (arm64) families carry a
 * "g" after their generation digit: t4g, m7g, c6gn, r8gd, im4gn, is4gen; x86 GPU families (g5, g4dn)
 * carry it before. The images must be built for the same architecture (`docker buildx --platform`).
 */
export function nodeAmiType(instanceType: string): NodeAmiType {
  const family = instanceType.split(".")[0] ?? "";
  const suffix = /^[a-z]+\d+([a-z]*)$/.exec(family)?.[1] ?? "";
  return suffix.includes("g") ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}

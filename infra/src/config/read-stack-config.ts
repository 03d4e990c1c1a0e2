import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, type StackConfig } from "./stack-config.js";

/**
 * The stack's configuration as Pulumi holds it (`Pulumi.<stack>.yaml`, secrets already decrypted),
 * validated. Secret values stay plain strings here; the program wraps them in `pulumi.secret`.
 */
export function readStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const prefix = `${project}:`;
  const raw: Record<string, string | undefined> = { region: pulumi.runtime.getConfig("aws:region") };
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  return parseStackConfig(project, raw);
}

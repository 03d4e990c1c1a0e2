import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import type { StackEvent } from "./stack-runner.js";

/** The last part of a URN: the resource's name. */
function nameOf(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}

/** One Pulumi engine event as a `StackEvent`; undefined for events nobody needs to see. */
export function toStackEvent(event: EngineEvent): StackEvent | undefined {
  const step = event.resourcePreEvent ?? event.resOutputsEvent ?? event.resOpFailedEvent;
  if (step) {
    const { op, type, urn } = step.metadata;
    if (type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:")) return undefined;
    if ("planning" in step && step.planning) return undefined;
    const phase = event.resourcePreEvent ? "started" : event.resOutputsEvent ? "done" : "failed";
    return { kind: "resource", phase, op, type, name: nameOf(urn) };
  }
  const diagnostic = event.diagnosticEvent;
  if (diagnostic && !diagnostic.ephemeral && diagnostic.severity !== "info#err") {
    const message = diagnostic.message.trim();
    if (message === "") return undefined;
    return { kind: "diagnostic", severity: diagnostic.severity, message };
  }
  return undefined;
}

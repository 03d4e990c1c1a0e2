import type { ManagedResource } from "../provisioners/provisioner.js";

/** The line a person at a terminal reads when the driver is up. */
export const listeningLine = (url: string, provisioner: string): string =>
  `Driver listening on ${url} (provisioner ${provisioner}); Ctrl-C stops it.`;

/**
 * The line a person reads when the driver has stopped: what still runs on this machine (the next
 * start adopts it), or undefined when the provisioner runs nothing here.
 */
export function stoppedLine(running: readonly ManagedResource[] | undefined): string {
  if (running === undefined) return "Driver stopped.";
  if (running.length === 0) return "Driver stopped; no resource is left running.";
  const names = running.map(({ guresid, instance }) => `${guresid ?? "(unknown id)"} (${instance})`);
  const count = running.length === 1 ? "1 resource keeps" : `${running.length} resources keep`;
  return `Driver stopped; ${count} running and the next start adopts ${running.length === 1 ? "it" : "them"}: ${names.join(", ")}.`;
}

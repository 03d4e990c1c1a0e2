/**
 * Stops every Redis still running for a local driver's state dir (processes and containers): the
 * last resort after a run that could not delete its resources. Resolves with what it stopped,
 * e.g. `["redis-server pid 1234"]`; empty when nothing was left.
 */
export async function removeLeftoverInstances(stateDir: string): Promise<string[]> {
  // Loaded on use, so importing the harness loads neither the driver nor testcontainers.
  const { listManagedInstances } = await import("@elasticache-driver-kit/driver/local");
  const { processes, containers } = await listManagedInstances(stateDir);
  const removed: string[] = [];
  for (const pid of processes) {
    try {
      process.kill(pid, "SIGKILL");
      removed.push(`redis-server pid ${pid}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  if (containers.length > 0) {
    const { getContainerRuntimeClient } = await import("testcontainers");
    const client = await getContainerRuntimeClient();
    for (const id of containers) {
      await client.container.getById(id).remove({ force: true, v: true });
      removed.push(`container ${id.slice(0, 12)}`);
    }
  }
  return removed;
}

import { listManagedInstances } from "@elasticache-driver-kit/driver/local";

/** Engines (redis-server processes and containers) running for an emulator run's state dir. */
export async function enginesOf(runDir: string): Promise<string[]> {
  const { processes, containers } = await listManagedInstances(runDir, 15_000);
  return [...processes.map((pid) => `pid ${pid}`), ...containers.map((id) => `container ${id}`)];
}

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { DriverInputsSchema } from "../../inputs/driver-inputs.js";
import { writeFileAtomic } from "./atomic-write.js";

const InstanceRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("process"), pid: z.int().positive(), confPath: z.string().min(1) }),
  z.object({ kind: z.literal("container"), containerId: z.string().min(1) }),
]);

const ResourceRecordSchema = z.object({
  id: z.string().min(1),
  runtime: z.enum(["process", "container"]),
  status: z.enum(["creating", "available", "deleting"]),
  spec: DriverInputsSchema,
  createdAt: z.iso.datetime(),
  /** The provisioner's own ACL user; stays in the state dir (files are mode 0600). */
  admin: z.object({ username: z.string().min(1), password: z.string().min(1) }),
  instance: z
    .object({ ref: InstanceRefSchema, host: z.string().min(1), port: z.int().min(1).max(65535) })
    .optional(),
});

/** What the state dir remembers about one resource. No secret of the resource itself. */
export type ResourceRecord = z.output<typeof ResourceRecordSchema>;

/** A file-system-safe name for a GUResID: the id itself when it is tame, else a hash of it. */
export function resourceKey(id: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id)
    ? id
    : `h-${createHash("sha256").update(id).digest("hex").slice(0, 40)}`;
}

/**
 * The state dir layout: `records/<key>.json` (one record per resource, replaced atomically),
 * `instances/<key>/` (config, certificates, logs), `snapshots/`, `tls/` (the CA).
 */
export class StateStore {
  readonly recordsDir: string;
  readonly instancesDir: string;
  readonly snapshotsDir: string;
  readonly tlsDir: string;

  constructor(readonly stateDir: string) {
    this.recordsDir = path.join(stateDir, "records");
    this.instancesDir = path.join(stateDir, "instances");
    this.snapshotsDir = path.join(stateDir, "snapshots");
    this.tlsDir = path.join(stateDir, "tls");
  }

  async init(): Promise<void> {
    for (const dir of [this.stateDir, this.recordsDir, this.instancesDir]) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    }
  }

  instanceDir(id: string): string {
    return path.join(this.instancesDir, resourceKey(id));
  }

  private recordPath(id: string): string {
    return path.join(this.recordsDir, `${resourceKey(id)}.json`);
  }

  /** Every readable record, and the files that could not be read (left in place for a human). */
  async list(): Promise<{ records: ResourceRecord[]; unreadable: string[] }> {
    const names = (await readdir(this.recordsDir).catch(() => [])).filter((name) => name.endsWith(".json"));
    const records: ResourceRecord[] = [];
    const unreadable: string[] = [];
    for (const name of names.sort()) {
      const file = path.join(this.recordsDir, name);
      try {
        records.push(ResourceRecordSchema.parse(JSON.parse(await readFile(file, "utf8"))));
      } catch {
        unreadable.push(file);
      }
    }
    return { records, unreadable };
  }

  async read(id: string): Promise<ResourceRecord | undefined> {
    try {
      return ResourceRecordSchema.parse(JSON.parse(await readFile(this.recordPath(id), "utf8")));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async write(record: ResourceRecord): Promise<void> {
    await writeFileAtomic(this.recordPath(record.id), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Forgets a resource: its record and its instance directory. */
  async remove(id: string): Promise<void> {
    await rm(this.recordPath(id), { force: true });
    await rm(this.instanceDir(id), { recursive: true, force: true });
  }
}

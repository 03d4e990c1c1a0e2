import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { UserError } from "../cli/user-error.js";

const JsonObjectSchema = z.record(z.string(), z.unknown());

const UpStateSchema = z.object({
  version: z.literal(1),
  stack: z.string(),
  region: z.string(),
  account: z.string(),
  steps: z.record(z.string(), z.object({ completedAt: z.string(), result: JsonObjectSchema })),
});

/**
 * What `up --cloud` has completed for one stack, so a second run resumes. Holds ids, names and
 * URLs only: never a password, token or kubeconfig.
 */
export type UpState = z.infer<typeof UpStateSchema>;
export type StepResult = z.infer<typeof JsonObjectSchema>;

/** The git-ignored directory of the kit's run state, at the repository root. */
export const STATE_DIR_NAME = ".kit-state";

export class UpStateFile {
  constructor(readonly file: string) {}

  static forStack(repoRoot: string, stack: string): UpStateFile {
    return new UpStateFile(path.join(repoRoot, STATE_DIR_NAME, `up-cloud-${stack}.json`));
  }

  async load(): Promise<UpState | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = UpStateSchema.safeParse(json);
    if (!parsed.success) {
      throw new UserError(
        this.file,
        "is not a state file this version of the kit wrote",
        "delete it (or pass --fresh): the next run checks every step again",
      );
    }
    return parsed.data;
  }

  /** Written whole to a temporary file and renamed, so an interruption never leaves half a file. */
  async save(state: UpState): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

import { ListTagsForResourceCommand, type ElastiCacheClient, type Tag } from "@aws-sdk/client-elasticache";
import { LRUCache } from "lru-cache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { configHash } from "../../lifecycle/config-hash.js";
import { ProvisionerError } from "../provisioner-errors.js";
import { awsLookup } from "./aws-call.js";
import { readResourceTags, type CacheDescription, type TaggedResource } from "./spec-codec.js";

/**
 * Where a cache's spec comes from, cheapest first: its description (read with the status by the same
 * Describe call), then tags remembered for the config hash the description names, then
 * ListTagsForResource. Tags are remembered per ARN and config hash only: a change made by another
 * replica changes the description's hash and so forces a fresh read. Nothing here is state: losing
 * it costs one ListTagsForResource call.
 */
export class SpecCache {
  readonly #byArn = new LRUCache<string, { hash: string; spec: DriverInputs }>({ max: 10_000 });

  /** Records what the driver has just written, so its own next lookup needs no tag read. */
  remember(arn: string, spec: DriverInputs): void {
    this.#byArn.set(arn, { hash: configHash(spec), spec });
  }

  forget(arn: string): void {
    this.#byArn.delete(arn);
  }

  /**
   * The spec of the cache `arn` described by `description`. Throws `unavailable` when AWS will not
   * show the tags now (a replication group that is not available refuses tag reads) and nothing else
   * holds the spec of that hash.
   */
  async specOf(
    client: ElastiCacheClient,
    arn: string,
    description: CacheDescription,
    status: string,
  ): Promise<DriverInputs> {
    const found = await this.recordedOrTagged(client, arn, description);
    if (found?.recorded) return found.spec;
    throw unreadableSpec(arn, status);
  }

  /**
   * The spec the description names (`recorded`), else the one the tags hold when they name other
   * inputs whole (their config tag is the hash of the spec they encode): an update whose inputs do
   * not fit in the description records them in the tags before its modification. Undefined when
   * neither can be read (tags refused while the cache is busy, or half rewritten).
   */
  async recordedOrTagged(
    client: ElastiCacheClient,
    arn: string,
    description: CacheDescription,
  ): Promise<{ spec: DriverInputs; recorded: boolean } | undefined> {
    if (description.spec) return { spec: description.spec, recorded: true };
    const cached = this.#byArn.get(arn);
    if (cached?.hash === description.configHash) return { spec: cached.spec, recorded: true };
    const tagged = await this.tagsOf(client, arn).catch((error: unknown) => {
      if (error instanceof ProvisionerError && error.kind === "unavailable") return undefined;
      throw error;
    });
    if (!tagged?.spec) return undefined;
    const hash = configHash(tagged.spec);
    if (hash === description.configHash) {
      this.remember(arn, tagged.spec);
      return { spec: tagged.spec, recorded: true };
    }
    return hash === tagged.configHash ? { spec: tagged.spec, recorded: false } : undefined;
  }

  /**
   * The driver's tags of any ElastiCache object, or undefined when it carries none or no longer
   * exists: an object listed a moment ago may be gone by the time its tags are read (a user that a
   * deletion removes meanwhile), and a gone object is nothing of the driver's.
   */
  async tagsOf(
    client: ElastiCacheClient,
    arn: string,
  ): Promise<(TaggedResource & { tags: Tag[] }) | undefined> {
    const output = await awsLookup("elasticache:ListTagsForResource", arn, () =>
      client.send(new ListTagsForResourceCommand({ ResourceName: arn })),
    );
    if (output === undefined) return undefined;
    const tags = output.TagList ?? [];
    const read = readResourceTags(tags);
    return read ? { ...read, tags } : undefined;
  }
}

/** The inputs of the cache `arn` are nowhere to read now: retried, never terminal. */
export function unreadableSpec(arn: string, status: string): ProvisionerError {
  return new ProvisionerError(
    "unavailable",
    `the inputs of ${arn.split(":").pop() ?? arn} cannot be read while it is ${status} (AWS shows no tags then, and they are too large for its description)`,
    { retryAfterSeconds: 30, fix: "retry when the change has finished" },
  );
}

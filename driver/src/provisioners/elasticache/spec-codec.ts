import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Tag } from "@aws-sdk/client-elasticache";
import { configHash } from "../../lifecycle/config-hash.js";
import { defaultDriverInputs, DriverInputsSchema, type DriverInputs } from "../../inputs/driver-inputs.js";
import { MANAGED_BY_TAG } from "./iam-policy.js";

/** Keys of the tags the driver writes itself; a user's own tags may not use them. */
export const TAG_PREFIX = "elasticache-driver-kit:";
export const GURESID_TAG = `${TAG_PREFIX}guresid`;
export const CONFIG_TAG = `${TAG_PREFIX}config`;
export const SPEC_TAG = `${TAG_PREFIX}spec`;
/** Marks the parts of a resource whose deletion has started (see the deployments). */
export const DELETING_TAG = `${TAG_PREFIX}deleting`;

/** AWS tag values: at most 256 characters of these (letters, spaces, digits and `_.:/=+-@`). */
const TAG_VALUE_MAX = 256;
const DESCRIPTION_MAX = 255;
const DESCRIPTION_MARK = "elasticache-driver-kit";
const CODE_VERSION = "1.";
const RETAG_WORD = "retag";

function withoutDefaults(spec: DriverInputs): Record<string, unknown> {
  const defaults = defaultDriverInputs() as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(spec)
      .filter(
        ([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(defaults[key]),
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/**
 * A compact, deterministic text for a value: its JSON, deflated, in base64url, behind a version.
 * Every character is one AWS allows in a tag value and a description.
 */
function encode(value: unknown): string {
  const deflated = deflateRawSync(Buffer.from(JSON.stringify(value), "utf8"), { level: 9 });
  return CODE_VERSION + deflated.toString("base64url");
}

function decode(code: string): unknown {
  if (!code.startsWith(CODE_VERSION)) throw new Error(`unknown spec encoding ${code.slice(0, 8)}`);
  return JSON.parse(
    inflateRawSync(Buffer.from(code.slice(CODE_VERSION.length), "base64url")).toString("utf8"),
  );
}

/** The whole normalised spec as one code (user tags included). */
export const encodeSpec = (spec: DriverInputs): string => encode(withoutDefaults(spec));

export function decodeSpec(code: string): DriverInputs {
  return DriverInputsSchema.parse(decode(code));
}

/**
 * The tags of every AWS object of a resource: ownership (managed-by, GUResID), the config hash, the
 * spec without the user's tags (split over as many tags as it needs) and the user's own tags, which
 * are real tags and are named in the spec so tags that others add later are not taken for inputs.
 */
export function resourceTags(guresid: string, spec: DriverInputs): Tag[] {
  const { tags: userTags = {}, ...rest } = spec;
  const core = {
    ...withoutDefaults({ ...rest, tags: undefined } as DriverInputs),
    tag_keys: Object.keys(userTags).sort(),
  };
  const code = encode(core);
  const chunks: Tag[] = [];
  for (let start = 0, index = 0; start < code.length; start += TAG_VALUE_MAX, index++) {
    chunks.push({
      Key: index === 0 ? SPEC_TAG : `${SPEC_TAG}:${index}`,
      Value: code.slice(start, start + TAG_VALUE_MAX),
    });
  }
  return [
    { Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value },
    { Key: GURESID_TAG, Value: guresid },
    { Key: CONFIG_TAG, Value: configHash(spec) },
    ...chunks,
    ...Object.entries(userTags).map(([Key, Value]) => ({ Key, Value })),
  ];
}

/** AWS's limit of tags on one ElastiCache object (user tags and the driver's together). */
export const AWS_TAGS_PER_RESOURCE = 50;

/**
 * How many tags the driver may put on an object of a resource with these inputs: its own three
 * (managed-by, GUResID, config hash), the spec chunks, the user's tags, and the deletion mark a
 * DELETE adds.
 */
export function tagBudget(spec: DriverInputs): { used: number; specChunks: number; userTags: number } {
  const tags = resourceTags("", spec);
  const userTags = Object.keys(spec.tags ?? {}).length;
  return { used: tags.length + 1, specChunks: tags.length - 3 - userTags, userTags };
}

/** What the tags of an AWS object say about the resource, or undefined when they are not the driver's. */
export interface TaggedResource {
  guresid: string;
  configHash: string;
  /** Undefined when the spec tags are missing or unreadable. */
  spec: DriverInputs | undefined;
  deleting: boolean;
}

export function readResourceTags(tagList: readonly Tag[]): TaggedResource | undefined {
  const tags = new Map(tagList.map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
  const guresid = tags.get(GURESID_TAG);
  if (tags.get(MANAGED_BY_TAG.key) !== MANAGED_BY_TAG.value || !guresid) return undefined;
  let code = "";
  for (let index = 0; tags.has(index === 0 ? SPEC_TAG : `${SPEC_TAG}:${index}`); index++) {
    code += tags.get(index === 0 ? SPEC_TAG : `${SPEC_TAG}:${index}`);
  }
  let spec: DriverInputs | undefined;
  try {
    const { tag_keys: keys = [], ...core } = decode(code) as { tag_keys?: string[] };
    const userTags = Object.fromEntries(keys.map((key) => [key, tags.get(key) ?? ""]));
    spec = DriverInputsSchema.parse(keys.length > 0 ? { ...core, tags: userTags } : core);
  } catch {
    spec = undefined;
  }
  return { guresid, configHash: tags.get(CONFIG_TAG) ?? "", spec, deleting: tags.has(DELETING_TAG) };
}

/** Keys of `current` tags the driver wrote that `next` no longer has (spec chunks, dropped user tags). */
export function obsoleteTagKeys(
  current: readonly Tag[],
  next: readonly Tag[],
  previousUserTags: readonly string[],
): string[] {
  const keep = new Set(next.map((tag) => tag.Key));
  return current
    .map((tag) => tag.Key ?? "")
    .filter((key) => !keep.has(key) && (key.startsWith(SPEC_TAG) || previousUserTags.includes(key)));
}

/**
 * The description of a cache: a mark, the config hash and, when it fits in ElastiCache's 255
 * characters, the whole spec. It is read by the same Describe call that gives the status, in
 * every state (tags cannot be read while a replication group is not available), so most
 * lookups need no second call. `auth` is the AUTH token generation last set on the cache.
 */
export interface CacheDescription {
  configHash: string;
  spec: DriverInputs | undefined;
  /** The AUTH token generations the cache accepts now: the newest, and the one before it after a ROTATE. */
  auth: AuthTokens | undefined;
  /**
   * The cache's tags still carry earlier inputs: an update changed the cache first (a tag write
   * would have left it `modifying` and refused the change) and brings the tags along later.
   */
  retag: boolean;
}

export interface AuthTokens {
  newest: number;
  previous?: number | undefined;
}

export function cacheDescription(
  spec: DriverInputs,
  auth?: AuthTokens,
  options: { retag?: boolean } = {},
): string {
  const tokens =
    auth === undefined ? "" : ` auth=${auth.previous === undefined ? "" : `${auth.previous}/`}${auth.newest}`;
  const head = `${DESCRIPTION_MARK} config=${configHash(spec)}${tokens}${options.retag ? ` ${RETAG_WORD}` : ""}`;
  const full = `${head} spec=${encodeSpec(spec)}`;
  return full.length <= DESCRIPTION_MAX ? full : head;
}

/** True when the description `cacheDescription` makes for these inputs holds them whole. */
export function descriptionHoldsSpec(spec: DriverInputs, auth?: AuthTokens): boolean {
  return cacheDescription(spec, auth, { retag: true }).includes(" spec=");
}

export function parseCacheDescription(description: string | undefined): CacheDescription | undefined {
  const words = (description ?? "").split(" ");
  if (words[0] !== DESCRIPTION_MARK) return undefined;
  const field = (name: string) => words.find((word) => word.startsWith(`${name}=`))?.slice(name.length + 1);
  const hash = field("config");
  if (!hash) return undefined;
  const code = field("spec");
  let spec: DriverInputs | undefined;
  try {
    spec = code ? decodeSpec(code) : undefined;
  } catch {
    spec = undefined;
  }
  const auth = field("auth")?.split("/").map(Number);
  const newest = auth?.at(-1);
  return {
    configHash: hash,
    retag: words.includes(RETAG_WORD),
    spec: spec && configHash(spec) === hash ? spec : undefined,
    auth:
      newest === undefined
        ? undefined
        : { newest, ...(auth && auth.length > 1 ? { previous: auth[0] } : {}) },
  };
}

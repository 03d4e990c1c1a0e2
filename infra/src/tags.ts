/** Tag keys every AWS resource of the stack carries; the `required-tags` policy checks them. */
export const REQUIRED_TAG_KEYS = ["project", "stack"] as const;

export type StackTags = Readonly<Record<(typeof REQUIRED_TAG_KEYS)[number], string>>;

/**
 * The stack's tags. Deliberately not the driver's `managed-by` tag: the driver's IAM policy lets it
 * change and delete what carries that tag, and the stack's own resources are not the driver's.
 */
export function stackTags(project: string, stack: string): StackTags {
  return Object.freeze({ project, stack });
}

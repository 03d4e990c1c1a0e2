import { DescribeEventsCommand, type ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { scrubSecrets } from "../scrub-secrets.js";

/**
 * Why a cache failed, in AWS's own words: its most recent events (DescribeEvents keeps 14 days).
 * A failure to read them must not hide the failure itself, so it yields a plain pointer instead.
 */
export async function failureEvents(
  client: ElastiCacheClient,
  sourceId: string,
  sourceType: "replication-group" | "serverless-cache",
): Promise<string> {
  try {
    const output = await client.send(
      new DescribeEventsCommand({
        SourceIdentifier: sourceId,
        SourceType: sourceType,
        Duration: 24 * 60,
        MaxRecords: 20,
      }),
    );
    const messages = (output.Events ?? []).map((event) => event.Message ?? "").filter(Boolean);
    if (messages.length > 0) return scrubSecrets(messages.slice(0, 3).join("; "));
  } catch {
    // Fall through to the pointer below.
  }
  return `AWS gave no event text; see the ElastiCache console's events of ${sourceId}`;
}

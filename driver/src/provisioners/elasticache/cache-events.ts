import { DescribeEventsCommand, type ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { scrubSecrets } from "../scrub-secrets.js";

/** How many member clusters' events are read for one failed replication group. */
const MEMBER_CLUSTERS_READ = 3;

async function eventsOf(
  client: ElastiCacheClient,
  sourceId: string,
  sourceType: "replication-group" | "serverless-cache" | "cache-cluster",
): Promise<string[]> {
  try {
    const output = await client.send(
      new DescribeEventsCommand({
        SourceIdentifier: sourceId,
        SourceType: sourceType,
        Duration: 24 * 60,
        MaxRecords: 20,
      }),
    );
    return (output.Events ?? []).map((event) => event.Message ?? "").filter(Boolean);
  } catch {
    // A failure to read events must not hide the failure itself.
    return [];
  }
}

/**
 * Why a cache failed, in AWS's own words: its most recent events (DescribeEvents keeps 14 days),
 * and those of its member clusters, where AWS often writes the cause of a replication group's
 * create-failed (subnet capacity, node type). Without any, a plain pointer.
 */
export async function failureEvents(
  client: ElastiCacheClient,
  sourceId: string,
  sourceType: "replication-group" | "serverless-cache",
  memberClusters: readonly string[] = [],
): Promise<string> {
  const lists = await Promise.all([
    eventsOf(client, sourceId, sourceType),
    ...memberClusters.slice(0, MEMBER_CLUSTERS_READ).map((id) => eventsOf(client, id, "cache-cluster")),
  ]);
  const messages = [...new Set(lists.flat())];
  if (messages.length > 0) return scrubSecrets(messages.slice(0, 3).join("; "));
  return `AWS gave no event text; see the ElastiCache console's events of ${sourceId}`;
}

/** ElastiCache's event source types that this endpoint records. */
export type EventSourceType =
  | "cache-cluster"
  | "replication-group"
  | "serverless-cache"
  | "user"
  | "user-group"
  | "cache-subnet-group"
  | "cache-parameter-group"
  | "serverless-cache-snapshot";

export const EVENT_SOURCE_TYPES: readonly string[] = [
  "cache-cluster",
  "cache-parameter-group",
  "cache-security-group",
  "cache-subnet-group",
  "replication-group",
  "serverless-cache",
  "serverless-cache-snapshot",
  "user",
  "user-group",
];

export interface CacheEvent {
  sourceIdentifier: string;
  sourceType: EventSourceType;
  message: string;
  date: Date;
}

export interface EventQuery {
  sourceIdentifier?: string | undefined;
  sourceType?: string | undefined;
  start: Date;
  end: Date;
}

/** Events of the last hours, newest first, as DescribeEvents lists them. Bounded in size. */
export class EventLog {
  readonly #events: CacheEvent[] = [];

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly capacity = 10_000,
  ) {}

  record(sourceType: EventSourceType, sourceIdentifier: string, message: string): void {
    this.#events.unshift({ sourceIdentifier, sourceType, message, date: this.now() });
    this.#events.length = Math.min(this.#events.length, this.capacity);
  }

  query({ sourceIdentifier, sourceType, start, end }: EventQuery): CacheEvent[] {
    return this.#events.filter(
      (event) =>
        (sourceIdentifier === undefined || event.sourceIdentifier === sourceIdentifier) &&
        (sourceType === undefined || event.sourceType === sourceType) &&
        event.date >= start &&
        event.date <= end,
    );
  }
}

import { UserNotFoundFault } from "@aws-sdk/client-elasticache";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { logAwsCalls } from "./aws-call-log.js";

type Handler = (args: unknown) => Promise<{ output: { $metadata?: object } }>;
type Middleware = (next: Handler, context: { clientName?: string; commandName?: string }) => Handler;

/** The log lines of one call through the middleware, which ends with `outcome`. */
async function linesOf(
  commandName: string,
  outcome: () => Promise<never>,
): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  let middleware: Middleware | undefined;
  logAwsCalls({ middlewareStack: { add: (added: Middleware) => (middleware = added) } }, logger);
  await middleware?.(outcome, { clientName: "ElastiCacheClient", commandName })({}).catch(() => undefined);
  return lines;
}

const metadata = { $metadata: { httpStatusCode: 404, requestId: "r-1", attempts: 1 } };

describe("logAwsCalls", () => {
  it("logs a lookup answered not-found at debug level: every look for a resource's parts may get one", async () => {
    const lines = await linesOf("DescribeUsersCommand", () =>
      Promise.reject(new UserNotFoundFault({ message: "User u-1 not found.", ...metadata })),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 20,
        msg: "AWS call: not found",
        aws: expect.objectContaining({ operation: "ElastiCache.DescribeUsers", error: "UserNotFoundFault" }),
      }),
    ]);
  });

  it("warns when a change fails, even with a not-found", async () => {
    const lines = await linesOf("CreateUserGroupCommand", () =>
      Promise.reject(new UserNotFoundFault({ message: "User u-2 not found.", ...metadata })),
    );
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: "AWS call failed" })]);
  });

  it("warns when a lookup fails otherwise", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", ...metadata });
    const lines = await linesOf("DescribeUserGroupsCommand", () => Promise.reject(throttled));
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: "AWS call failed" })]);
  });
});

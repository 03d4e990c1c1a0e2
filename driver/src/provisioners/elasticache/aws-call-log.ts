import type { Logger } from "pino";
import { isNotFound } from "./aws-faults.js";

/** What of an SDK client the log needs: its middleware stack. */
interface WithMiddleware {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ output: { $metadata?: AwsMetadata } }>,
        context: { clientName?: string; commandName?: string },
      ) => (args: unknown) => Promise<{ output: { $metadata?: AwsMetadata } }>,
      options: { step: "initialize"; name: string },
    ): void;
  };
}

interface AwsMetadata {
  requestId?: string;
  attempts?: number;
  httpStatusCode?: number;
}

/** Reads are frequent (every poll may make one); changes are few and worth a line each. */
const READ = /^(Describe|List)/;

/**
 * Logs every call the client makes, once, after the SDK's own retries: the operation, AWS's request
 * id, attempts and time, and for a failure the error's name. The driver's request id joins through
 * the logger's request context, so one line ties a driver request to AWS's. Nothing of the request
 * or answer body is logged: they may carry an AUTH token or a password.
 */
export function logAwsCalls(client: WithMiddleware, logger: Logger): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = `${(context.clientName ?? "").replace(/Client$/, "")}.${(context.commandName ?? "").replace(/Command$/, "")}`;
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      try {
        const result = await next(args);
        const meta = result.output.$metadata ?? {};
        const line = { aws: { operation, requestId: meta.requestId, attempts: meta.attempts, ms: ms() } };
        if (READ.test(context.commandName ?? "")) logger.debug(line, "AWS call");
        else logger.info(line, "AWS call");
        return result;
      } catch (error) {
        const failed = error as { name?: string; $metadata?: AwsMetadata };
        // A look for something that may not exist (every lookup of a resource's parts) is answered.
        const expected = READ.test(context.commandName ?? "") && isNotFound(error);
        logger[expected ? "debug" : "warn"](
          {
            aws: {
              operation,
              requestId: failed.$metadata?.requestId,
              attempts: failed.$metadata?.attempts,
              status: failed.$metadata?.httpStatusCode,
              error: failed.name,
              ms: ms(),
            },
          },
          expected ? "AWS call: not found" : "AWS call failed",
        );
        throw error;
      }
    },
    { step: "initialize", name: "elasticacheDriverKitCallLog" },
  );
}

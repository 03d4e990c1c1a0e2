import type { CheckSpec } from "../../check.js";
import { probeRedis } from "../../redis-probe.js";
import type { Suite } from "../../suites/suite.js";

export const CONN_SET_GET: CheckSpec<Suite> = {
  id: "CONN-SET-GET",
  title:
    "The outputs of a ready resource work: a Redis client connects (TLS when values.tls) and can SET, GET and DEL a key",
  clause:
    "outputs are for workloads to connect with; the kit proves a redis resource's outputs by connecting",
  source: "kit",
  level: "recommendation",
  features: ["connectivity"],
  async run(suite) {
    const outputs = await suite.readyOutputs();
    return probeRedis(outputs, {
      timeoutMs: suite.env.options.requestMs,
      trustedCa: suite.env.options.trustedCa,
    });
  },
};

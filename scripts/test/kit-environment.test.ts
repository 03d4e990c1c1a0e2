import { spawn } from "node:child_process";
import { once } from "node:events";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { describe, expect, it } from "vitest";

const [major] = process.versions.node.split(".").map(Number);

describe("the environment the kit gives its commands", () => {
  // The AWS SDK warns only under Node releases it is about to drop (20 here).
  it.skipIf((major ?? 0) >= 22)(
    `keeps the AWS SDK's Node-version warning out of up --cloud's preflight${(major ?? 0) >= 22 ? " (skipped: this Node gets no such warning)" : ""}`,
    async () => {
      // No credentials can be found, so preflight stops before anything is created, on any machine.
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
        AWS_CONFIG_FILE: "/nonexistent/config",
      };
      for (const name of [
        "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
        "AWS_PROFILE",
        "AWS_ACCESS_KEY_ID",
      ])
        delete env[name];
      const child = spawn(process.execPath, ["scripts/kit.mjs", "up", "--cloud", "--region", "us-east-1"], {
        cwd: REPO_ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const [code] = (await once(child, "exit")) as [number | null];

      expect(output).toMatch(/^Preflight:/);
      expect(output).not.toContain("NodeVersionSupportWarning");
      expect(output).toContain("AWS credentials: none found");
      expect(code, output).toBe(1);
    },
    60_000,
  );
});

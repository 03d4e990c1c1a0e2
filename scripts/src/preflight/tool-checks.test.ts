import { describe, expect, it } from "vitest";
import type { ProbeCommand } from "./command-probe.js";
import { checkContainerTool, engineProblem } from "./tool-checks.js";

/** `docker info` of a Docker CLI with no engine behind it (Docker 28 on Debian, as printed). */
const DOCKER_CLI_ONLY = `Client:
 Version:    28.2.2
 Context:    default
 Debug Mode: false

Server:
Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?`;

const probeOf =
  (answers: Record<string, { found: boolean; ok: boolean; output: string }>): ProbeCommand =>
  (command) =>
    Promise.resolve(answers[command] ?? { found: false, ok: false, output: "" });

describe("checkContainerTool", () => {
  it("reports a Docker CLI without an engine by its error line, and names scripts/setup-podman.sh", async () => {
    const outcome = await checkContainerTool(
      {},
      probeOf({ docker: { found: true, ok: false, output: DOCKER_CLI_ONLY } }),
    );

    expect(outcome.ok).toBe(false);
    const [problem] = outcome.ok ? [] : outcome.problems;
    expect(problem?.message).toContain(
      "docker is installed but its engine does not answer (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)",
    );
    expect(problem?.message).not.toContain("(Client:)");
    expect(problem?.message).toContain("`sudo scripts/setup-podman.sh`");
  });

  it("names scripts/setup-podman.sh when neither tool is installed", async () => {
    const outcome = await checkContainerTool({}, probeOf({}));

    const [problem] = outcome.ok ? [] : outcome.problems;
    expect(problem?.message).toContain("docker and podman not found on PATH");
    expect(problem?.message).toContain("scripts/setup-podman.sh");
  });
});

describe("engineProblem", () => {
  it("keeps the first line when no line names an error", () => {
    expect(engineProblem("\n  something odd\nmore\n")).toBe("something odd");
  });
});

import { UserError } from "../cli/user-error.js";
import { firstLine, type Outcome } from "./check-outcome.js";
import type { ProbeCommand } from "./command-probe.js";

/** The Pulumi CLI, and a backend it is logged in to. */
export async function checkPulumi(probe: ProbeCommand): Promise<Outcome<string>> {
  const version = await probe("pulumi", ["version"]);
  if (!version.ok) {
    return {
      ok: false,
      problems: [
        new UserError(
          "Pulumi CLI",
          version.found ? `\`pulumi version\` failed: ${firstLine(version.output)}` : "not found on PATH",
          "install it (https://www.pulumi.com/docs/iac/download-install/, e.g. `curl -fsSL https://get.pulumi.com | sh`) and open a new shell",
        ),
      ],
    };
  }
  const whoami = await probe("pulumi", ["whoami", "--non-interactive"]);
  if (!whoami.ok) {
    return {
      ok: false,
      problems: [
        new UserError(
          "Pulumi backend",
          `not logged in (${firstLine(whoami.output)})`,
          "run `pulumi login` (Pulumi Cloud, or PULUMI_ACCESS_TOKEN) or `pulumi login --local` with PULUMI_CONFIG_PASSPHRASE set",
        ),
      ],
    };
  }
  return {
    ok: true,
    detail: `${firstLine(version.output)}, logged in as ${firstLine(whoami.output)}`,
    value: "",
  };
}

/** Docker or podman (or the one `KIT_CONTAINER_TOOL` names) with an engine that answers. */
export async function checkContainerTool(
  env: NodeJS.ProcessEnv,
  probe: ProbeCommand,
): Promise<Outcome<"docker" | "podman">> {
  const chosen = env.KIT_CONTAINER_TOOL;
  if (chosen !== undefined && chosen !== "docker" && chosen !== "podman") {
    return {
      ok: false,
      problems: [
        new UserError(
          "KIT_CONTAINER_TOOL",
          `${JSON.stringify(chosen)} is not a container build tool the kit drives`,
          "set it to docker or podman, or unset it to let the kit pick",
        ),
      ],
    };
  }
  const candidates: readonly ("docker" | "podman")[] =
    chosen === "docker" || chosen === "podman" ? [chosen] : ["docker", "podman"];
  const seen: string[] = [];
  for (const tool of candidates) {
    const info = await probe(tool, ["info"]);
    if (info.ok) return { ok: true, detail: `${tool} (its engine answers)`, value: tool };
    if (info.found)
      seen.push(`${tool} is installed but its engine does not answer (${engineProblem(info.output)})`);
  }
  return {
    ok: false,
    problems: [
      new UserError(
        "Container build tool",
        seen.length > 0 ? seen.join("; ") : `${candidates.join(" and ")} not found on PATH`,
        seen.length > 0
          ? "start the engine (Docker Desktop, `sudo systemctl start docker`, or `podman machine start`); on Debian or Ubuntu without a Docker engine, `sudo scripts/setup-podman.sh` sets up podman with a Docker-compatible socket (then `source .podman/env`)"
          : "install Docker (https://docs.docker.com/get-docker/) or podman (on Debian or Ubuntu: `sudo scripts/setup-podman.sh`, then `source .podman/env`): the driver and sample-app images are built here",
      ),
    ],
  };
}

/** A command that only has to be there and run. */
export async function checkInstalled(
  probe: ProbeCommand,
  command: string,
  args: readonly string[],
  name: string,
  { fix }: { fix: string },
): Promise<Outcome<string>> {
  const result = await probe(command, args);
  if (result.ok) return { ok: true, detail: firstLine(result.output) || "installed", value: "" };
  return {
    ok: false,
    problems: [
      new UserError(
        name,
        result.found
          ? `\`${command} ${args.join(" ")}\` failed: ${firstLine(result.output)}`
          : "not found on PATH",
        fix,
      ),
    ],
  };
}

/**
 * The line of `docker info` (or `podman info`) that says what is wrong. A Docker CLI without an
 * engine prints its own client section first ("Client:", version, context), then the error.
 */
export function engineProblem(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.find((line) => /cannot connect|error|denied|refused|no such file|not running/i.test(line)) ??
    firstLine(output)
  );
}

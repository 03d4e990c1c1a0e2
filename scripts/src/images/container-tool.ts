import { runTool } from "./run-tool.js";

export interface BuildOptions {
  readonly dockerfile: string;
  readonly context: string;
  readonly image: string;
  /** e.g. `linux/amd64`: the nodes' architecture, which may differ from this machine's. */
  readonly platform: string;
}

/** Builds and pushes images; `docker` and `podman` take the same commands. */
export interface ContainerTool {
  readonly name: string;
  login(registry: string, username: string, password: string): Promise<void>;
  build(options: BuildOptions, onLine: (line: string) => void, signal?: AbortSignal): Promise<void>;
  push(image: string, onLine: (line: string) => void, signal?: AbortSignal): Promise<void>;
}

export function cliContainerTool(name: "docker" | "podman"): ContainerTool {
  return {
    name,
    async login(registry, username, password) {
      await runTool(name, ["login", "--username", username, "--password-stdin", registry], {
        input: password,
      });
    },
    async build(options, onLine, signal) {
      await runTool(
        name,
        [
          "build",
          "--platform",
          options.platform,
          "-f",
          options.dockerfile,
          "-t",
          options.image,
          options.context,
        ],
        { onLine, ...(signal ? { signal } : {}) },
      );
    },
    async push(image, onLine, signal) {
      await runTool(name, ["push", image], { onLine, ...(signal ? { signal } : {}) });
    },
  };
}

import type { StackEvent } from "./stack-runner.js";

/**
 * Turns the engine's events into one status line: what is in progress now, how many resources
 * have finished, and errors as they come. `same` steps (nothing to do) are counted but not shown.
 */
export class StackStatus {
  readonly #active = new Map<string, string>();
  #done = 0;
  #failed = 0;

  constructor(
    private readonly status: (text: string) => void,
    private readonly problem: (text: string) => void,
  ) {}

  readonly onEvent = (event: StackEvent): void => {
    if (event.kind === "diagnostic") {
      if (event.severity === "error") this.problem(event.message.split("\n")[0] ?? event.message);
      return;
    }
    const key = `${event.type}::${event.name}`;
    if (event.phase === "started") {
      if (event.op !== "same" && event.op !== "read")
        this.#active.set(key, `${verb(event.op)} ${shortType(event.type)} ${event.name}`);
    } else {
      this.#active.delete(key);
      if (event.phase === "done") this.#done += 1;
      else this.#failed += 1;
    }
    this.status(this.line());
  };

  line(): string {
    const active = [...this.#active.values()];
    const now =
      active.length === 0
        ? "waiting for the engine"
        : active.length <= 2
          ? active.join(", ")
          : `${active.slice(0, 2).join(", ")} and ${active.length - 2} more`;
    const failed = this.#failed > 0 ? `, ${this.#failed} failed` : "";
    return `${now} (${this.#done} done${failed})`;
  }
}

function verb(op: string): string {
  const verbs: Record<string, string> = {
    create: "creating",
    update: "updating",
    delete: "deleting",
    replace: "replacing",
    "create-replacement": "creating a replacement of",
    "delete-replaced": "deleting the replaced",
    refresh: "refreshing",
  };
  return verbs[op] ?? op;
}

/** `aws:eks/cluster:Cluster` → `eks:Cluster`. */
function shortType(type: string): string {
  const [provider, module, kind] = type.split(":");
  if (provider === undefined || module === undefined || kind === undefined) return type;
  return `${module.split("/")[0]}:${kind}`;
}

import { describe, expect, it } from "vitest";
import { listeningLine, stoppedLine } from "./terminal-lines.js";

describe("terminal lines", () => {
  it("name the URL and the provisioner", () => {
    expect(listeningLine("http://127.0.0.1:8080/", "local/process")).toBe(
      "Driver listening on http://127.0.0.1:8080/ (provisioner local/process); Ctrl-C stops it.",
    );
  });

  it("name what keeps running after a stop", () => {
    expect(stoppedLine(undefined)).toBe("Driver stopped.");
    expect(stoppedLine([])).toBe("Driver stopped; no resource is left running.");
    expect(stoppedLine([{ guresid: "abc", instance: "redis-server pid 7" }])).toBe(
      "Driver stopped; 1 resource keeps running and the next start adopts it: abc (redis-server pid 7).",
    );
    expect(
      stoppedLine([
        { guresid: "abc", instance: "redis-server pid 7" },
        { guresid: undefined, instance: "container 0123456789ab" },
      ]),
    ).toBe(
      "Driver stopped; 2 resources keep running and the next start adopts them: abc (redis-server pid 7), (unknown id) (container 0123456789ab).",
    );
  });
});

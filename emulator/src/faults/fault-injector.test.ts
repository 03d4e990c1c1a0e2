import { describe, expect, it } from "vitest";
import { FaultInjector } from "./fault-injector.js";
import { parseFaultSettings, type FaultSettings } from "./fault-settings.js";

const settings = (input: unknown): FaultSettings => {
  const parsed = parseFaultSettings(input);
  if ("problems" in parsed) throw new Error(parsed.problems.join("; "));
  return parsed.settings;
};

describe("FaultInjector", () => {
  it("throttles exactly every Nth call and starts counting again when settings change", () => {
    const faults = new FaultInjector(settings({ throttleEvery: 3 }));
    const codes = Array.from({ length: 6 }, () => faults.beforeCall("DescribeUsers", () => "")?.code);
    expect(codes).toEqual([undefined, undefined, "Throttling", undefined, undefined, "Throttling"]);
    faults.set(settings({ throttleEvery: 2 }));
    expect(faults.beforeCall("DescribeUsers", () => "")).toBeUndefined();
    expect(faults.beforeCall("DescribeUsers", () => "")?.code).toBe("Throttling");
  });

  it("denies named actions with the message it is given", () => {
    const faults = new FaultInjector(settings({ denyActions: ["CreateUser"] }));
    const denied = faults.beforeCall("CreateUser", () => "not authorized to perform: elasticache:CreateUser");
    expect(denied).toMatchObject({ code: "AccessDenied", status: 403 });
    expect(denied?.message).toContain("elasticache:CreateUser");
    expect(faults.beforeCall("DeleteUser", () => "")).toBeUndefined();
  });

  it("fails creates whose id matches the pattern, with the configured message", () => {
    const faults = new FaultInjector(
      settings({ createFailedPattern: "^doomed-", createFailedMessage: "no capacity" }),
    );
    expect(faults.createFailure("doomed-1")).toBe("no capacity");
    expect(faults.createFailure("fine-1")).toBeUndefined();
  });
});

describe("parseFaultSettings", () => {
  it("lists every problem, naming the field", () => {
    expect(
      parseFaultSettings({ createFailedPattern: "(", throttleEvery: -1, denyActions: ["x"], extra: 1 }),
    ).toEqual({
      problems: expect.arrayContaining([
        "createFailedPattern: must be a valid regular expression",
        expect.stringMatching(/^throttleEvery: /),
        "denyActions.0: must be an ElastiCache action name such as CreateReplicationGroup",
        expect.stringMatching(/extra/),
      ]),
    });
  });
});

import { describe, expect, it } from "vitest";
import { FaultInjector } from "./fault-injector.js";
import { parseFaultSettings, type FaultSettings } from "./fault-settings.js";

const settings = (input: unknown): FaultSettings => {
  const parsed = parseFaultSettings(input);
  if ("problems" in parsed) throw new Error(parsed.problems.join("; "));
  return parsed.settings;
};

/** The fault code each call gets, in order (each call admitted before the next is made). */
async function codesOf(faults: FaultInjector, actions: string[]): Promise<(string | undefined)[]> {
  const codes: (string | undefined)[] = [];
  for (const action of actions) codes.push((await faults.admit(action, () => "")).fault?.code);
  return codes;
}

describe("FaultInjector", () => {
  it("throttles exactly every Nth call and starts counting again when settings change", async () => {
    const faults = new FaultInjector(settings({ throttleEvery: 3 }));
    const codes = await codesOf(
      faults,
      Array.from({ length: 6 }, () => "DescribeUsers"),
    );
    expect(codes).toEqual([undefined, undefined, "Throttling", undefined, undefined, "Throttling"]);
    faults.set(settings({ throttleEvery: 2 }));
    expect(await codesOf(faults, ["DescribeUsers", "DescribeUsers"])).toEqual([undefined, "Throttling"]);
  });

  it("denies named actions with the message it is given", async () => {
    const faults = new FaultInjector(settings({ denyActions: ["CreateUser"] }));
    const denied = await faults.admit(
      "CreateUser",
      () => "not authorized to perform: elasticache:CreateUser",
    );
    expect(denied.fault).toMatchObject({ code: "AccessDenied", status: 403 });
    expect(denied.fault?.message).toContain("elasticache:CreateUser");
    expect(await faults.admit("DeleteUser", () => "")).toEqual({});
  });

  it("throttles the chosen calls of a named action only, counted per action", async () => {
    const faults = new FaultInjector(
      settings({ throttleActions: { CreateUser: { after: 1, every: 2, times: 2 } } }),
    );
    const calls = [
      "CreateUser",
      "DescribeUsers",
      "CreateUser",
      "CreateUser",
      "CreateUser",
      "CreateUser",
      "CreateUser",
    ];
    // CreateUser calls 1..6: the first passes, then every 2nd (3 and 5), twice at most.
    expect(await codesOf(faults, calls)).toEqual([
      undefined,
      undefined,
      undefined,
      "Throttling",
      undefined,
      "Throttling",
      undefined,
    ]);
  });

  it("holds the chosen calls of a named action until they are released, by action or by id", async () => {
    const faults = new FaultInjector(settings({ pauseActions: { ModifyUser: { times: 2 } } }));
    const first = faults.admit("ModifyUser", () => "", { UserId: "first" });
    const second = faults.admit("ModifyUser", () => "", { UserId: "second" });
    expect(await faults.admit("ModifyUser", () => "")).toEqual({});
    expect(faults.held().map((call) => [call.action, call.keys])).toEqual([
      ["ModifyUser", { UserId: "first" }],
      ["ModifyUser", { UserId: "second" }],
    ]);
    const [firstId, secondId] = faults.held().map((call) => call.id);
    expect(faults.release({ id: secondId })).toEqual([secondId]);
    expect(await second).toMatchObject({ injected: "held", releasedBy: "release" });
    expect(faults.held().map((call) => call.id)).toEqual([firstId]);
    expect(faults.release({ action: "DeleteUser" })).toEqual([]);
    expect(faults.release({ action: "ModifyUser", throttle: true })).toEqual([firstId]);
    const dropped = await first;
    expect(dropped).toMatchObject({ injected: "held", releasedBy: "throttle" });
    expect(dropped.fault?.code).toBe("Throttling");
  });

  it("lets a held call run on its own after the pause timeout, and when the settings change", async () => {
    const faults = new FaultInjector(settings({ pauseActions: { CreateUser: {} }, pauseTimeoutMs: 30 }));
    const timedOut = await faults.admit("CreateUser", () => "");
    expect(timedOut).toMatchObject({ injected: "held", releasedBy: "timeout" });
    expect(timedOut.heldMs).toBeGreaterThanOrEqual(25);
    faults.set(settings({ pauseActions: { CreateUser: {} } }));
    const held = faults.admit("CreateUser", () => "");
    expect(faults.held()).toHaveLength(1);
    faults.set(settings({}));
    expect(await held).toMatchObject({ releasedBy: "release" });
    expect(faults.held()).toEqual([]);
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
      parseFaultSettings({
        createFailedPattern: "(",
        throttleEvery: -1,
        denyActions: ["x"],
        throttleActions: { CreateUser: { every: 0 }, bogus: {} },
        pauseActions: { ModifyUser: { when: "later" } },
        extra: 1,
      }),
    ).toEqual({
      problems: expect.arrayContaining([
        "createFailedPattern: must be a valid regular expression",
        expect.stringMatching(/^throttleEvery: /),
        "denyActions.0: must be an ElastiCache action name such as CreateReplicationGroup",
        expect.stringMatching(/^throttleActions\.CreateUser\.every: /),
        "throttleActions.bogus: keys must be ElastiCache action names such as CreateReplicationGroup",
        expect.stringMatching(/^pauseActions\.ModifyUser: .*when/),
        expect.stringMatching(/extra/),
      ]),
    });
  });
});

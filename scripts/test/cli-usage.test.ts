import { describe, expect, it } from "vitest";
import { runCommand, type CliIo } from "../src/cli/run-cli.js";
import { registerCommand, REGISTER_USAGE } from "../src/humanitec/register-command.js";
import { downCommand, DOWN_USAGE } from "../src/teardown/down-command.js";
import { janitorCommand, JANITOR_USAGE } from "../src/teardown/janitor-command.js";
import { upCommand } from "../src/up/up-command.js";
import { UP_USAGE } from "../src/up/up-usage.js";

type Command = (argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo) => Promise<number>;

async function run(name: string, command: Command, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const code = await runCommand(name, () => command(argv, env, io), io, {});
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const COMMANDS: [string, Command, string][] = [
  ["up", upCommand, UP_USAGE],
  ["down", downCommand, DOWN_USAGE],
  ["janitor", janitorCommand, JANITOR_USAGE],
  ["register", registerCommand, REGISTER_USAGE],
];

describe("every command", () => {
  for (const [name, command, usage] of COMMANDS) {
    it(`${name} answers --help and -h with its usage and exit 0`, async () => {
      expect(await run(name, command, ["--help"])).toEqual({ code: 0, out: usage, err: "" });
      expect((await run(name, command, ["-h"])).out).toBe(usage);
      expect(usage).toMatch(new RegExp(`^Usage: npm run ${name} --`));
    });

    it(`${name} names an unknown flag, the one meant and the way to the usage, with exit 2 and no stack trace`, async () => {
      const result = await run(name, command, ["--stak", "x"]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(
        new RegExp(`^${name}: --stak: unknown flag\\. Fix: .*run \`npm run ${name} -- --help\``),
      );
      expect(result.err).not.toMatch(/\n\s+at /);
    });
  }
});

describe("usage mistakes name the flag, the problem and the fix", () => {
  const cases: [string, Command, string[], NodeJS.ProcessEnv, string][] = [
    [
      "up",
      upCommand,
      ["--cloud", "--once"],
      {},
      "up: --once: does not apply to --cloud (it exits once the deployment is checked; `npm run down` removes it). Fix: leave --once out",
    ],
    [
      "up",
      upCommand,
      ["--cloud", "--emulated-cloud"],
      {},
      "up: --cloud: and --emulated-cloud exclude each other. Fix: choose one mode",
    ],
    [
      "up",
      upCommand,
      ["--stack", "dev"],
      {},
      "up: --stack: only applies with --cloud. Fix: add --cloud, or leave --stack out",
    ],
    [
      "up",
      upCommand,
      ["--deployment", "serverless"],
      {},
      "up: --deployment: only applies with --emulated-cloud. Fix: add --emulated-cloud, or leave --deployment out",
    ],
    [
      "up",
      upCommand,
      ["--emulated-cloud", "--deployment", "cluster-mode"],
      {},
      'up: --deployment: "cluster-mode" is not node-based, serverless or cluster. Fix: e.g. --deployment serverless',
    ],
    [
      "up",
      upCommand,
      ["--emulated-cloud", "--deployment"],
      {},
      "up: --deployment: needs a value. Fix: write --deployment <value>; run `npm run up -- --help` for the flags it takes",
    ],
    [
      "up",
      upCommand,
      ["--cloud", "--driver-hostname", "d.example.com"],
      {},
      "up: --certificate-arn: missing: --driver-hostname needs it (HTTPS needs both). Fix: pass both, or neither",
    ],
    [
      "up",
      upCommand,
      ["--cloud", "--platform", "arm64"],
      {},
      'up: --platform: "arm64" is not linux/amd64 or linux/arm64. Fix: e.g. --platform linux/arm64',
    ],
    [
      "up",
      upCommand,
      ["--cloud", "--cache-timeout", "soon"],
      {},
      'up: --cache-timeout: "soon" is not a duration. Fix: write a number and a unit (s, m, h, d), e.g. --cache-timeout 6h or --cache-timeout 1h30m',
    ],
    [
      "up",
      upCommand,
      ["--cloud", "--region"],
      {},
      "up: --region: needs a value. Fix: write --region <value>; run `npm run up -- --help` for the flags it takes",
    ],
    [
      "up",
      upCommand,
      ["cloud"],
      {},
      'up: argument "cloud": unexpected (every input is a flag). Fix: run `npm run up -- --help` for the flags it takes',
    ],
    [
      "janitor",
      janitorCommand,
      ["--older-than", "0h"],
      {},
      "janitor: --older-than: must be more than 0. Fix: e.g. --older-than 6h",
    ],
    [
      "janitor",
      janitorCommand,
      [],
      {},
      "janitor: --region: not given, and AWS_REGION is not set. Fix: pass --region us-east-1 or export AWS_REGION=us-east-1",
    ],
    [
      "janitor",
      janitorCommand,
      ["--region", "eu-central-1"],
      {},
      "janitor: scope: none given: the janitor deletes only inside one cache network or under one owner tag. Fix: add --subnet-group NAME (a stack's cacheSubnetGroupName output), --security-group ID or --owner-tag KEY=VALUE",
    ],
    [
      "janitor",
      janitorCommand,
      ["--region", "eu-central-1", "--owner-tag", "stack"],
      {},
      'janitor: --owner-tag: "stack" is not KEY=VALUE. Fix: e.g. --owner-tag stack=ci-1234',
    ],
    [
      "down",
      downCommand,
      ["--region", "Frankfurt"],
      {},
      'down: --region: "Frankfurt" is not an AWS region. Fix: use a region code such as us-east-1',
    ],
    [
      "down",
      downCommand,
      ["--eni-timeout", "1y"],
      {},
      'down: --eni-timeout: "1y" is not a duration. Fix: write a number and a unit (s, m, h, d), e.g. --eni-timeout 6h or --eni-timeout 1h30m',
    ],
  ];
  for (const [name, command, argv, env, message] of cases) {
    it(`${name} ${argv.join(" ")}`, async () => {
      const result = await run(name, command, argv, env);
      expect(result).toEqual({ code: 2, out: "", err: message });
    });
  }
});

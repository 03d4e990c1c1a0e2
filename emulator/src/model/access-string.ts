import { invalidValue } from "../protocol/aws-fault.js";
import { RESTRICTED_COMMANDS } from "../engine/restricted-commands.js";
import { ACL_CATEGORIES, ENGINE_COMMANDS } from "./engine-commands.js";

const RULE =
  /^(on|off|allkeys|allchannels|allcommands|nocommands|resetkeys|resetchannels|~\S+|%R?W?~\S+|&\S+|[+-]@?[A-Za-z0-9_|*-]+)$/i;
/** Rules that set passwords or reset the user: ElastiCache manages those itself. */
const FORBIDDEN = /^(nopass|resetpass|reset|[<>#!].*)$/i;

/**
 * An ElastiCache access string: Redis ACL rules without passwords and without `reset`, which
 * ElastiCache manages through the Passwords parameters. Without `on` the user is off.
 */
export function checkAccessString(parameter: string, accessString: string): string {
  const rules = accessString.trim().split(/\s+/).filter(Boolean);
  if (rules.length === 0) throw invalidValue(`${parameter}: the access string must not be blank.`);
  for (const rule of rules) {
    if (FORBIDDEN.test(rule)) {
      throw invalidValue(
        `${parameter}: "${rule.startsWith(">") || rule.startsWith("#") ? rule[0] + "…" : rule}" is not allowed in an access string; set passwords with Passwords or NoPasswordRequired.`,
      );
    }
    if (!RULE.test(rule)) {
      throw invalidValue(
        `${parameter}: "${rule}" is not a valid access string rule (expected rules such as on, off, ~<pattern>, &<pattern>, +@<category>, -<command>).`,
      );
    }
    checkCommandRule(parameter, rule);
  }
  return rules.join(" ");
}

/**
 * A `+`/`-` rule names a category or command the engine knows, as `ACL SETUSER` requires: AWS
 * refuses an access string at CreateUser/ModifyUser rather than leaving a user the engine
 * cannot take.
 */
function checkCommandRule(parameter: string, rule: string): void {
  if (!rule.startsWith("+") && !rule.startsWith("-")) return;
  const name = rule.slice(1).toLowerCase();
  if (name.startsWith("@")) {
    if (!ACL_CATEGORIES.has(name.slice(1))) {
      throw invalidValue(
        `${parameter}: "${rule}" names an unknown command category; use one of ${[...ACL_CATEGORIES].map((category) => `@${category}`).join(", ")}.`,
      );
    }
    return;
  }
  const command = name.split("|")[0] ?? "";
  if (!ENGINE_COMMANDS.has(command)) {
    throw invalidValue(`${parameter}: "${rule}" names an unknown command (${command}).`);
  }
  if ((RESTRICTED_COMMANDS as readonly string[]).includes(command)) {
    throw invalidValue(
      `${parameter}: "${rule}" names ${command}, a command ElastiCache restricts; access strings cannot name restricted commands.`,
    );
  }
}

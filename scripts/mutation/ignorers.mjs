// @ts-check
// Mutants that cannot change what the driver does, ignored with the reason the report shows.
// Each ignorer is narrow: it names one pattern of code, never a file or a line.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const LOG_LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal"]);
/** Receivers of log calls in the driver: `this.#logger`, `logger`, `req.log`. */
const LOGGERS = new Set(["logger", "#logger", "log"]);
/** Methods whose encoding argument defaults to UTF-8. */
const UTF8_BY_DEFAULT = new Set(["from", "toString", "update"]);

/** @param {any} node */
const nameOf = (node) => {
  if (!node) return undefined;
  if (node.type === "Identifier") return node.name;
  if (node.type === "PrivateName") return `#${node.id.name}`;
  return undefined;
};

/** @param {any} node a member expression, optional or not */
const isMember = (node) => node?.type === "MemberExpression" || node?.type === "OptionalMemberExpression";

/** @param {any} node a call of `<logger>.<level>(...)` */
function isLogCall(node) {
  if (node?.type !== "CallExpression" && node?.type !== "OptionalCallExpression") return false;
  const callee = node.callee;
  if (!isMember(callee) || !LOG_LEVELS.has(nameOf(callee.property))) return false;
  const receiver = callee.object;
  return LOGGERS.has(nameOf(receiver)) || (isMember(receiver) && LOGGERS.has(nameOf(receiver.property)));
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "log-calls", {
    /** @param {import("@stryker-mutator/api/ignore").NodePath} path */
    shouldIgnore(path) {
      const node = /** @type {any} */ (path.node);
      // A whole `logger.info(...)` statement, or the arguments of `req.log?.info(...)`, whose `?.`
      // stays mutated: it matters when a request has no logger.
      const statement = node.type === "ExpressionStatement" && node.expression.type === "CallExpression";
      if (
        (statement && isLogCall(node.expression)) ||
        (path.listKey === "arguments" && isLogCall(path.parent))
      ) {
        return "Log message and fields: operator-facing wording, not behaviour (tests only check that logs hold no secret)";
      }
      return undefined;
    },
  }),
  declareValuePlugin(PluginKind.Ignore, "utf8-default", {
    /** @param {import("@stryker-mutator/api/ignore").NodePath} path */
    shouldIgnore(path) {
      const node = /** @type {any} */ (path.node);
      const call = /** @type {any} */ (path.parent);
      if (
        node.type === "StringLiteral" &&
        node.value === "utf8" &&
        path.listKey === "arguments" &&
        call?.type === "CallExpression" &&
        isMember(call.callee) &&
        UTF8_BY_DEFAULT.has(nameOf(call.callee.property))
      ) {
        return 'Equivalent: "utf8" is the default encoding of Buffer.from, toString and update, so the emptied string means the same';
      }
      return undefined;
    },
  }),
];

// @ts-check
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "log-calls", {
    shouldIgnore() {
      return undefined;
    },
  }),
  declareValuePlugin(PluginKind.Ignore, "descriptions", {
    shouldIgnore() {
      return undefined;
    },
  }),
];

/** Where Node.js binaries brought from the npm registry are kept. */
export function cacheDir(env?: NodeJS.ProcessEnv): string;
/** The registry package that carries Node's binary for this platform and CPU. */
export function binaryPackage(platform?: string, arch?: string): string;
/** The path of a Node.js binary of `major`, installed from the npm registry on first use. */
export function nodeBinary(major: number, env?: NodeJS.ProcessEnv): string;

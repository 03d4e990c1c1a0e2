import { vi } from "vitest";

// Test files share one worker (`isolate: false`), which saves a process start and the loading of
// every dependency per file. The project's own modules are still evaluated afresh for each file,
// so a mutant that acts while a module loads (a schema, a constant) takes effect.
vi.resetModules();

/**
 * Simulated programs: the registry behind `fake.programs.define()` (the
 * `Proc` a program sees is in proc.ts). A simple command is looked up in the user
 * programs first (newest definition first), then the shell's built-ins; with
 * neither it exits 127 (`sh: <name>: command not found`).
 *
 * @module
 */
import { builtins } from "./builtins.ts";
import type { ProgramHandler, ProgramMatcher } from "./proc.ts";

export type {
  FileStat,
  Proc,
  ProcFs,
  ProcSignal,
  ProcStream,
  ProgramHandler,
  ProgramMatcher,
} from "./proc.ts";

/** The `fake.programs` API. */
export interface Programs {
  /** Defines a program; later definitions win over earlier ones. Returns a function that removes it. */
  define(matcher: ProgramMatcher, handler: ProgramHandler): () => void;
  /** Removes every user-defined program. */
  clear(): void;
}

interface Definition {
  matcher: ProgramMatcher;
  handler: ProgramHandler;
}

function matches(matcher: ProgramMatcher, command: string): boolean {
  if (typeof matcher === "string") {
    const m = matcher.trim();
    return command === m || (command.startsWith(m) && /\s/.test(command[m.length] ?? ""));
  }
  if (matcher instanceof RegExp) {
    matcher.lastIndex = 0;
    return matcher.test(command);
  }
  return matcher(command);
}

/** User programs, then built-ins. */
export class ProgramRegistry implements Programs {
  #defs: Definition[] = [];

  define(matcher: ProgramMatcher, handler: ProgramHandler): () => void {
    const def: Definition = { matcher, handler };
    this.#defs.unshift(def);
    return () => {
      this.#defs = this.#defs.filter((d) => d !== def);
    };
  }

  clear(): void {
    this.#defs = [];
  }

  /** The user program for `command`, if any. */
  findUser(command: string): ProgramHandler | undefined {
    return this.#defs.find((d) => matches(d.matcher, command))?.handler;
  }

  /** The program to run: a user one matching `command`, else the built-in named `name`. */
  find(command: string, name: string): ProgramHandler | undefined {
    return this.findUser(command) ?? (Object.hasOwn(builtins, name) ? builtins[name] : undefined);
  }
}

const registries = new WeakMap<object, ProgramRegistry>();

/**
 * The registry of one fake, keyed by an object that outlives `reset()` (its
 * resolved config), so programs defined once stay defined across resets.
 */
export function programsFor(owner: object): ProgramRegistry {
  let registry = registries.get(owner);
  if (!registry) {
    registry = new ProgramRegistry();
    registries.set(owner, registry);
  }
  return registry;
}

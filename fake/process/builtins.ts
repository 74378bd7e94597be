/**
 * The mini shell's built-in programs: echo, cat, ls, pwd, mkdir, rm, touch,
 * sleep, true, false, env (plus `:`). `cd` and `exit` change the shell itself,
 * so the executor handles them. File errors print like a shell's and give
 * exit code 1 (2 for ls and usage errors); they never become API errors.
 *
 * @module
 */
import type { ProcFs, ProgramHandler } from "./proc.ts";

/** The shell's wording for the fake's file error codes. */
export function fileErrorText(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  switch (code) {
    case "not_found":
      return "No such file or directory";
    case "is_a_directory":
      return "Is a directory";
    case "not_a_directory":
      return "Not a directory";
    case "directory_not_empty":
      return "Directory not empty";
    case "already_exists":
      return "File exists";
    case "path_outside_workspace":
      return "Permission denied";
    case "file_too_large":
      // A workspace over its size is a full disk.
      return (err as { details?: { reason?: unknown } }).details?.reason === "workspace"
        ? "No space left on device"
        : "File too large";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Splits leading `-abc` flags from operands (`--` ends them; a lone `-` is an operand). */
function parseFlags(args: readonly string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    for (const ch of a.slice(1)) flags.add(ch);
  }
  return { flags, operands: args.slice(i) };
}

function removeTree(fs: ProcFs, path: string): void {
  const st = fs.stat(path);
  if (st?.type === "directory") {
    for (const child of fs.list(path)) removeTree(fs, child.path);
  }
  fs.remove(path);
}

function unescapeEcho(s: string): string {
  const map: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", r: "\r", a: "\x07", "0": "" };
  return s.replace(/\\([ntr\\a0])/g, (_, c: string) => map[c] ?? c);
}

/** Parses `sleep` operands (seconds, optional s/m/h/d suffix; several add up). */
function parseSleepSeconds(args: readonly string[]): number | string {
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return a;
    const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
    total += Number(m[1]) * unit;
  }
  return total;
}

/** Built-ins by name. */
export const builtins: Readonly<Record<string, ProgramHandler>> = {
  true: () => 0,
  ":": () => 0,
  false: () => 1,

  echo(proc) {
    let args = proc.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      for (const ch of args[0].slice(1)) {
        if (ch === "n") newline = false;
        else escapes = ch === "e";
      }
      args = args.slice(1);
    }
    let text = args.join(" ");
    if (escapes) text = unescapeEcho(text);
    proc.stdout.write(newline ? `${text}\n` : text);
    return 0;
  },

  pwd(proc) {
    proc.stdout.write(`${proc.cwd}\n`);
    return 0;
  },

  env(proc) {
    const lines = Object.entries(proc.env).map(([k, v]) => `${k}=${v}\n`);
    proc.stdout.write(lines.join(""));
    return 0;
  },

  cat(proc) {
    let code = 0;
    for (const path of proc.argv.slice(1)) {
      if (path === "-") continue; // stdin is empty
      let bytes: Uint8Array;
      try {
        bytes = proc.fs.readBytes(path);
      } catch (err) {
        proc.stderr.write(`cat: ${path}: ${fileErrorText(err)}\n`);
        code = 1;
        continue;
      }
      try {
        proc.stdout.write(bytes);
      } catch (err) {
        // Like cat(1): a failed write (a full disk) ends it.
        proc.stderr.write(`cat: write error: ${fileErrorText(err)}\n`);
        return 1;
      }
    }
    return code;
  },

  ls(proc) {
    const { flags, operands } = parseFlags(proc.argv.slice(1));
    const all = flags.has("a") || flags.has("A");
    const targets = operands.length > 0 ? operands : ["."];
    const files: string[] = [];
    const dirs: { path: string; names: string[] }[] = [];
    let code = 0;
    for (const path of targets) {
      try {
        const st = proc.fs.stat(path);
        if (!st) throw Object.assign(new Error("not found"), { code: "not_found" });
        if (st.type === "file") files.push(path);
        else {
          const names = proc.fs
            .list(path)
            .map((e) => e.name)
            .filter((n) => all || !n.startsWith("."))
            .sort();
          dirs.push({ path, names });
        }
      } catch (err) {
        proc.stderr.write(`ls: cannot access '${path}': ${fileErrorText(err)}\n`);
        code = 2;
      }
    }
    const blocks: string[] = [];
    if (files.length > 0)
      blocks.push(
        files
          .sort()
          .map((f) => `${f}\n`)
          .join(""),
      );
    const headers = targets.length > 1;
    for (const d of dirs) {
      const body = d.names.map((n) => `${n}\n`).join("");
      blocks.push(headers ? `${d.path}:\n${body}` : body);
    }
    const out = blocks.join("\n");
    if (out) proc.stdout.write(out);
    return code;
  },

  mkdir(proc) {
    const { flags, operands } = parseFlags(proc.argv.slice(1));
    if (operands.length === 0) {
      proc.stderr.write("mkdir: missing operand\n");
      return 1;
    }
    const parents = flags.has("p");
    let code = 0;
    for (const path of operands) {
      try {
        const st = proc.fs.stat(path);
        if (st) {
          if (parents && st.type === "directory") continue;
          throw Object.assign(new Error("exists"), { code: "already_exists" });
        }
        proc.fs.mkdir(path, { parents });
      } catch (err) {
        proc.stderr.write(`mkdir: cannot create directory '${path}': ${fileErrorText(err)}\n`);
        code = 1;
      }
    }
    return code;
  },

  rm(proc) {
    const { flags, operands } = parseFlags(proc.argv.slice(1));
    const recursive = flags.has("r") || flags.has("R");
    const force = flags.has("f");
    if (operands.length === 0 && !force) {
      proc.stderr.write("rm: missing operand\n");
      return 1;
    }
    let code = 0;
    for (const path of operands) {
      try {
        const st = proc.fs.stat(path);
        if (!st) {
          if (force) continue;
          throw Object.assign(new Error("missing"), { code: "not_found" });
        }
        if (st.type === "directory") {
          if (!recursive) throw Object.assign(new Error("dir"), { code: "is_a_directory" });
          removeTree(proc.fs, st.path);
        } else {
          proc.fs.remove(path);
        }
      } catch (err) {
        proc.stderr.write(`rm: cannot remove '${path}': ${fileErrorText(err)}\n`);
        code = 1;
      }
    }
    return code;
  },

  touch(proc) {
    const { operands } = parseFlags(proc.argv.slice(1));
    if (operands.length === 0) {
      proc.stderr.write("touch: missing file operand\n");
      return 1;
    }
    let code = 0;
    for (const path of operands) {
      try {
        const st = proc.fs.stat(path);
        if (st?.type === "directory") continue;
        // Rewriting the same bytes is how the in-memory tree updates modifiedAt.
        proc.fs.write(path, st ? proc.fs.readBytes(path) : new Uint8Array());
      } catch (err) {
        proc.stderr.write(`touch: cannot touch '${path}': ${fileErrorText(err)}\n`);
        code = 1;
      }
    }
    return code;
  },

  async sleep(proc) {
    const args = proc.argv.slice(1);
    if (args.length === 0) {
      proc.stderr.write("sleep: missing operand\n");
      return 1;
    }
    const seconds = parseSleepSeconds(args);
    if (typeof seconds === "string") {
      proc.stderr.write(`sleep: invalid time interval '${seconds}'\n`);
      return 1;
    }
    await proc.sleep(Math.round(seconds * 1000));
    return 0;
  },
};

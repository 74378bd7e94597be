/**
 * Failures of the CLI's own file system work (reading a file to upload,
 * packing a directory, saving a download) as one sentence each, with a code
 * for scripts: `file_not_found`, `directory_not_found`, `permission_denied`,
 * `is_a_directory`, `not_a_directory`.
 *
 * @module
 */
import { CliError } from "./output.ts";

interface SystemError {
  code: string;
  message: string;
  path?: string;
  syscall?: string;
}

function isSystemError(error: unknown): error is SystemError {
  const e = error as Partial<SystemError> | null;
  return typeof e?.code === "string" && /^E[A-Z]+$/.test(e.code) && typeof e.message === "string";
}

/** What the CLI was doing with the path: reading a file, reading a directory, or writing a file. */
export type LocalUse = "read" | "directory" | "write";

/**
 * The CliError for a Node file system error (undefined for anything else).
 * `path` is the path as the user gave it (the error's own otherwise).
 */
export function localFileError(
  error: unknown,
  path?: string,
  use?: LocalUse,
): CliError | undefined {
  if (!isSystemError(error)) return undefined;
  const p = path ?? error.path;
  const where = p === undefined ? "" : ` ${p}`;
  switch (error.code) {
    case "ENOENT":
      if (use === "directory" || error.syscall === "scandir" || error.syscall === "opendir") {
        return new CliError("directory_not_found", `the directory${where} does not exist`);
      }
      if (use === "write") {
        return new CliError(
          "directory_not_found",
          `can't save${where}: its directory does not exist`,
        );
      }
      if (use === "read") return new CliError("file_not_found", `the file${where} does not exist`);
      return new CliError("file_not_found", `no such file or directory:${where}`);
    case "EACCES":
    case "EPERM":
      return new CliError(
        "permission_denied",
        `permission denied: can't ${use === "write" ? "write" : "read"}${where}`,
      );
    case "EISDIR":
      return new CliError("is_a_directory", `${p ?? "the path"} is a directory, not a file`);
    case "ENOTDIR":
      return new CliError(
        "not_a_directory",
        use === "directory"
          ? `${p ?? "the path"} is a file, not a directory`
          : `a part of${where} is a file, not a directory`,
      );
    default: {
      // Node repeats the code in front of its message ("ENOENT: ENOENT: ..." once printed).
      const message = error.message.startsWith(`${error.code}: `)
        ? error.message.slice(error.code.length + 2)
        : error.message;
      return new CliError(error.code, message);
    }
  }
}

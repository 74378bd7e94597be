/**
 * The mini shell's parser: a command line becomes a list of simple commands
 * joined by `;`, `&&`, `||` (or newlines), each with words and redirections.
 *
 * Supported: 'single quotes' (literal), "double quotes" (backslash escapes
 * `\" \\ \$ \``), backslash escapes outside quotes, `$NAME`, `${NAME}` and
 * `$?` (expanded when the command runs), `NAME=value` prefixes, `#` comments,
 * and the redirections `>`, `>>`, `2>`, `2>>`, `2>&1`, `1>&2`, `>&2`.
 * Not supported (a syntax error, exit 2): pipes, `&`, subshells, `<`.
 *
 * @module
 */

/** A piece of a word: literal text, or a variable to expand at run time. */
export type WordPart =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string; quoted: boolean };

/** One word; `raw` is its source text as typed (quotes included). */
export interface Word {
  parts: WordPart[];
  raw: string;
  /** Some part was quoted: the word survives even if it expands to "". */
  quoted: boolean;
}

/** A redirection: to a file (`>`/`>>`) or a duplicate of another stream (`2>&1`). */
export type Redirect = { fd: 1 | 2; append: boolean; target: Word } | { fd: 1 | 2; dupTo: 1 | 2 };

/** One simple command: its words (assignments first, then argv) and redirections. */
export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
  /** The words as typed, joined by single spaces (redirections left out): what programs match. */
  text: string;
}

/** How a command joins the previous one; the first uses ";". */
export type Connector = ";" | "&&" | "||";

/** A parsed command line. */
export interface CommandList {
  items: { op: Connector; command: SimpleCommand }[];
}

/** A command line the parser refuses; the shell prints `sh: <message>` and exits 2. */
export class ShellSyntaxError extends Error {
  override readonly name = "ShellSyntaxError";
}

type Token =
  | { type: "word"; word: Word }
  | { type: "op"; op: Connector | "newline" }
  | { type: "redirect"; fd: 1 | 2; op: ">" | ">>" | ">&" };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATOR_CHARS = new Set([";", "&", "|", ">", "<", "(", ")", "\n"]);

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;

  const readVar = (quoted: boolean): WordPart | undefined => {
    // At line[i] === "$".
    const next = line[i + 1];
    if (next === "?") {
      i += 2;
      return { kind: "var", name: "?", quoted };
    }
    if (next === "{") {
      const end = line.indexOf("}", i + 2);
      const name = end < 0 ? "" : line.slice(i + 2, end);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== "?") {
        throw new ShellSyntaxError(`${line.slice(i, end < 0 ? n : end + 1)}: bad substitution`);
      }
      i = end + 1;
      return { kind: "var", name, quoted };
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(line);
    if (!m) return undefined;
    i += 1 + m[0].length;
    return { kind: "var", name: m[0], quoted };
  };

  while (i < n) {
    const c = line[i] as string;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && line[i] !== "\n") i++;
      continue;
    }
    if (c === "\n" || c === ";") {
      tokens.push({ type: "op", op: c === "\n" ? "newline" : ";" });
      i++;
      continue;
    }
    if (c === "&" || c === "|") {
      if (line[i + 1] === c) {
        tokens.push({ type: "op", op: c === "&" ? "&&" : "||" });
        i += 2;
        continue;
      }
      throw new ShellSyntaxError(
        c === "|"
          ? "pipes are not supported by the fake's shell (define a program for this command line)"
          : "background jobs (&) are not supported by the fake's shell",
      );
    }
    if (c === "<" || c === "(" || c === ")") {
      throw new ShellSyntaxError(`syntax error near unexpected token \`${c}'`);
    }
    if (c === ">" || ((c === "1" || c === "2") && line[i + 1] === ">")) {
      const fd: 1 | 2 = c === "2" ? 2 : 1;
      if (c !== ">") i++;
      i++;
      if (line[i] === ">") {
        i++;
        tokens.push({ type: "redirect", fd, op: ">>" });
      } else if (line[i] === "&") {
        i++;
        tokens.push({ type: "redirect", fd, op: ">&" });
      } else {
        tokens.push({ type: "redirect", fd, op: ">" });
      }
      continue;
    }

    // A word: runs until whitespace or an operator outside quotes.
    const start = i;
    const parts: WordPart[] = [];
    let text = "";
    let quoted = false;
    const flush = (): void => {
      if (text) parts.push({ kind: "text", text });
      text = "";
    };
    while (i < n) {
      const ch = line[i] as string;
      if (ch === " " || ch === "\t" || ch === "\r" || OPERATOR_CHARS.has(ch)) break;
      if (ch === "\\") {
        if (i + 1 < n && line[i + 1] !== "\n") text += line[i + 1];
        i += 2;
        quoted = true;
        continue;
      }
      if (ch === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError("unterminated quoted string");
        text += line.slice(i + 1, end);
        i = end + 1;
        quoted = true;
        continue;
      }
      if (ch === '"') {
        quoted = true;
        i++;
        while (i < n && line[i] !== '"') {
          const d = line[i] as string;
          if (d === "\\" && i + 1 < n && '"\\$`\n'.includes(line[i + 1] as string)) {
            if (line[i + 1] !== "\n") text += line[i + 1];
            i += 2;
          } else if (d === "$") {
            const v = readVar(true);
            if (v) {
              flush();
              parts.push(v);
            } else {
              text += "$";
              i++;
            }
          } else {
            text += d;
            i++;
          }
        }
        if (i >= n) throw new ShellSyntaxError("unterminated quoted string");
        i++;
        continue;
      }
      if (ch === "$") {
        const v = readVar(false);
        if (v) {
          flush();
          parts.push(v);
          continue;
        }
      }
      text += ch;
      i++;
    }
    flush();
    tokens.push({ type: "word", word: { parts, raw: line.slice(start, i), quoted } });
  }
  return tokens;
}

/** Parses a command line; throws {@link ShellSyntaxError}. An empty line gives no items. */
export function parseCommandLine(line: string): CommandList {
  const tokens = tokenize(line);
  const items: CommandList["items"] = [];
  let op: Connector = ";";
  let current: SimpleCommand | undefined;
  let pendingAndOr = false;

  const finish = (): void => {
    if (current) {
      current.text = current.words.map((w) => w.raw).join(" ");
      items.push({ op, command: current });
    }
    current = undefined;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t] as Token;
    if (tok.type === "op") {
      if (tok.op === "newline" && pendingAndOr && !current) continue; // `a &&\n b`
      if (!current) {
        if (tok.op === "newline") continue;
        throw new ShellSyntaxError(`syntax error near unexpected token \`${tok.op}'`);
      }
      if (current.words.length === 0) {
        throw new ShellSyntaxError(`syntax error near unexpected token \`${tok.op}'`);
      }
      finish();
      op = tok.op === "newline" ? ";" : tok.op;
      pendingAndOr = op !== ";";
      continue;
    }
    current ??= { words: [], redirects: [], text: "" };
    if (tok.type === "word") {
      current.words.push(tok.word);
      continue;
    }
    const next = tokens[t + 1];
    if (next?.type !== "word") {
      throw new ShellSyntaxError("syntax error near unexpected token `newline'");
    }
    t++;
    if (tok.op === ">&") {
      const target = next.word.raw;
      if (target !== "1" && target !== "2") {
        throw new ShellSyntaxError(`${target}: ambiguous redirect`);
      }
      current.redirects.push({ fd: tok.fd, dupTo: target === "1" ? 1 : 2 });
    } else {
      current.redirects.push({ fd: tok.fd, append: tok.op === ">>", target: next.word });
    }
  }
  if (current && current.words.length === 0) {
    throw new ShellSyntaxError("syntax error: a redirection without a command");
  }
  if (!current && pendingAndOr) {
    throw new ShellSyntaxError("syntax error: unexpected end of file");
  }
  finish();
  return { items };
}

/**
 * Expands a word's variables. Returns undefined for an unquoted word that
 * expands to nothing (the shell drops it, as `echo $UNSET x` prints "x").
 */
export function expandWord(
  word: Word,
  lookup: (name: string) => string | undefined,
): string | undefined {
  let out = "";
  for (const p of word.parts) out += p.kind === "text" ? p.text : (lookup(p.name) ?? "");
  return out === "" && !word.quoted && word.parts.some((p) => p.kind === "var") ? undefined : out;
}

/** `NAME=value` at the start of a command: the variable's name, else undefined. */
export function assignmentName(word: Word): string | undefined {
  const first = word.parts[0];
  if (first?.kind !== "text") return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  // The `=` must be unquoted: `"A=b"` is a word, not an assignment.
  return m && word.raw.startsWith(m[0]) ? m[1] : undefined;
}

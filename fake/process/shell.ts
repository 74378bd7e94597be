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
  return new Lexer(line).tokens();
}

/** A cursor over one command line, reading its tokens. */
class Lexer {
  readonly #line: string;
  #i = 0;

  constructor(line: string) {
    this.#line = line;
  }

  tokens(): Token[] {
    const line = this.#line;
    const tokens: Token[] = [];
    while (this.#i < line.length) {
      const c = line[this.#i] as string;
      if (c === " " || c === "\t" || c === "\r") {
        this.#i++;
      } else if (c === "#") {
        while (this.#i < line.length && line[this.#i] !== "\n") this.#i++;
      } else {
        tokens.push(this.#operator(c) ?? this.#word());
      }
    }
    return tokens;
  }

  /** The operator or redirection at the cursor, consumed; undefined when a word starts here. */
  #operator(c: string): Token | undefined {
    const line = this.#line;
    if (c === "\n" || c === ";") {
      this.#i++;
      return { type: "op", op: c === "\n" ? "newline" : ";" };
    }
    if (c === "&" || c === "|") {
      if (line[this.#i + 1] === c) {
        this.#i += 2;
        return { type: "op", op: c === "&" ? "&&" : "||" };
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
    if (c === ">" || ((c === "1" || c === "2") && line[this.#i + 1] === ">")) {
      const fd: 1 | 2 = c === "2" ? 2 : 1;
      this.#i += c === ">" ? 1 : 2;
      const next = line[this.#i];
      if (next === ">" || next === "&") this.#i++;
      return { type: "redirect", fd, op: next === ">" ? ">>" : next === "&" ? ">&" : ">" };
    }
    return undefined;
  }

  /** A word: runs until whitespace or an operator outside quotes. */
  #word(): Token {
    const line = this.#line;
    const start = this.#i;
    const word = new WordBuilder();
    while (this.#i < line.length) {
      const ch = line[this.#i] as string;
      if (ch === " " || ch === "\t" || ch === "\r" || OPERATOR_CHARS.has(ch)) break;
      if (ch === "\\") {
        if (this.#i + 1 < line.length && line[this.#i + 1] !== "\n") word.text += line[this.#i + 1];
        this.#i += 2;
        word.quoted = true;
      } else if (ch === "'") {
        this.#singleQuoted(word);
      } else if (ch === '"') {
        this.#doubleQuoted(word);
      } else {
        const variable = ch === "$" ? this.#variable(false) : undefined;
        if (variable) {
          word.add(variable);
        } else {
          word.text += ch;
          this.#i++;
        }
      }
    }
    return { type: "word", word: word.build(line.slice(start, this.#i)) };
  }

  /** 'text': literal up to the closing quote. */
  #singleQuoted(word: WordBuilder): void {
    const end = this.#line.indexOf("'", this.#i + 1);
    if (end < 0) throw new ShellSyntaxError("unterminated quoted string");
    word.text += this.#line.slice(this.#i + 1, end);
    this.#i = end + 1;
    word.quoted = true;
  }

  /** "text": backslash escapes `\" \\ \$ \``, variables expanded. */
  #doubleQuoted(word: WordBuilder): void {
    const line = this.#line;
    word.quoted = true;
    this.#i++;
    while (this.#i < line.length && line[this.#i] !== '"') {
      const d = line[this.#i] as string;
      if (
        d === "\\" &&
        this.#i + 1 < line.length &&
        '"\\$`\n'.includes(line[this.#i + 1] as string)
      ) {
        if (line[this.#i + 1] !== "\n") word.text += line[this.#i + 1];
        this.#i += 2;
      } else if (d === "$") {
        const variable = this.#variable(true);
        if (variable) {
          word.add(variable);
        } else {
          word.text += "$";
          this.#i++;
        }
      } else {
        word.text += d;
        this.#i++;
      }
    }
    if (this.#i >= line.length) throw new ShellSyntaxError("unterminated quoted string");
    this.#i++;
  }

  /** `$?`, `${NAME}` or `$NAME` at the cursor (on its "$"), consumed; undefined (nothing consumed) for a lone "$". */
  #variable(quoted: boolean): WordPart | undefined {
    const line = this.#line;
    const i = this.#i;
    const next = line[i + 1];
    if (next === "?") {
      this.#i += 2;
      return { kind: "var", name: "?", quoted };
    }
    if (next === "{") {
      const end = line.indexOf("}", i + 2);
      const name = end < 0 ? "" : line.slice(i + 2, end);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== "?") {
        throw new ShellSyntaxError(
          `${line.slice(i, end < 0 ? line.length : end + 1)}: bad substitution`,
        );
      }
      this.#i = end + 1;
      return { kind: "var", name, quoted };
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(line);
    if (!m) return undefined;
    this.#i += 1 + m[0].length;
    return { kind: "var", name: m[0], quoted };
  }
}

/** The parts of a word being read: literal text runs between variables. */
class WordBuilder {
  readonly #parts: WordPart[] = [];
  /** The literal text since the last variable. */
  text = "";
  /** Some part was quoted (or escaped). */
  quoted = false;

  add(variable: WordPart): void {
    this.#flush();
    this.#parts.push(variable);
  }

  build(raw: string): Word {
    this.#flush();
    return { parts: this.#parts, raw, quoted: this.quoted };
  }

  #flush(): void {
    if (this.text) this.#parts.push({ kind: "text", text: this.text });
    this.text = "";
  }
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

/**
 * Excel formula text (as a plan holds it, without "=") to a syntax tree, with Excel's operator
 * precedence: range ":", negation, percent, "^" (left to right, so -2^2 is 4), "* /", "+ -",
 * "&", comparisons. References: A1, $A$1, A1:B4, Sheet!A1, 'Sheet name'!A1:B4, defined names.
 */
import { columnIndex } from "../a1";
import { ERROR_CODES, ErrorCode } from "./values";

export interface CellArea {
  /** The sheet named in the reference, if any (otherwise the formula's own sheet). */
  sheet?: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type FormulaNode =
  | { type: "number"; value: number }
  | { type: "string"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "error"; value: ErrorCode }
  | { type: "reference"; area: CellArea }
  | { type: "name"; name: string }
  | { type: "call"; name: string; args: FormulaNode[] }
  /** An argument left empty: IF(A1,,2). */
  | { type: "missing" }
  | { type: "negate"; operand: FormulaNode }
  | { type: "percent"; operand: FormulaNode }
  | { type: "binary"; operator: string; left: FormulaNode; right: FormulaNode };

export class FormulaSyntaxError extends Error {}

type TokenKind = "space" | "string" | "sheet" | "error" | "number" | "cell" | "word" | "operator";

const TOKEN_RULES: [TokenKind, RegExp][] = [
  ["space", /\s+/y],
  ["string", /"(?:[^"]|"")*"/y],
  ["sheet", /(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!/y],
  ["error", /#(?:N\/A|DIV\/0!|NUM!|VALUE!|REF!|NAME\?|NULL!)/y],
  ["number", /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y],
  // A cell, unless it goes on as a name or a call (LOG10( is a function).
  ["cell", /\$?[A-Za-z]{1,3}\$?\d+(?![A-Za-z0-9_.(])/y],
  ["word", /[A-Za-z_\\][A-Za-z0-9_.\\]*/y],
  ["operator", /<=|>=|<>|[-+*/^&=<>%(),:]/y],
];

interface Token {
  kind: TokenKind;
  text: string;
}

function lex(formula: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < formula.length) {
    const rule = TOKEN_RULES.find(([, pattern]) => {
      pattern.lastIndex = at;
      return pattern.test(formula);
    });
    if (!rule) throw new FormulaSyntaxError(`unexpected "${formula[at]}" at ${at + 1}`);
    const [kind, pattern] = rule;
    const text = formula.slice(at, pattern.lastIndex);
    at = pattern.lastIndex;
    if (kind !== "space") tokens.push({ kind, text });
  }
  return tokens;
}

function parseCell(text: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text) as RegExpExecArray;
  return { row: Number(match[2]), column: columnIndex(match[1]) };
}

/** Binary operators from the loosest to the tightest; negation and percent bind tighter still. */
const BINARY_LEVELS = [["=", "<>", "<", ">", "<=", ">="], ["&"], ["+", "-"], ["*", "/"], ["^"]].map(
  (operators) => new Set(operators)
);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token?.kind === "operator" && token.text === text;
  }

  private expect(text: string): void {
    if (!this.isOperator(text)) throw new FormulaSyntaxError(`expected "${text}"`);
    this.at += 1;
  }

  parseFormula(): FormulaNode {
    const node = this.binary();
    if (this.at < this.tokens.length)
      throw new FormulaSyntaxError(`unexpected "${this.tokens[this.at].text}"`);
    return node;
  }

  /** Operators of one precedence level, left to right, over the next level's operands. */
  private binary(level = 0): FormulaNode {
    if (level === BINARY_LEVELS.length) return this.percent();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token?.kind !== "operator" || !BINARY_LEVELS[level].has(token.text)) return left;
      this.at += 1;
      left = { type: "binary", operator: token.text, left, right: this.binary(level + 1) };
    }
  }

  private percent(): FormulaNode {
    let node = this.unary();
    while (this.isOperator("%")) {
      this.at += 1;
      node = { type: "percent", operand: node };
    }
    return node;
  }

  private unary(): FormulaNode {
    if (this.isOperator("-")) {
      this.at += 1;
      return { type: "negate", operand: this.unary() };
    }
    if (this.isOperator("+")) {
      this.at += 1;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.peek();
    if (!token) throw new FormulaSyntaxError("the formula ends early");
    this.at += 1;
    switch (token.kind) {
      case "number":
        return { type: "number", value: Number(token.text) };
      case "string":
        return { type: "string", value: token.text.slice(1, -1).replace(/""/g, '"') };
      case "error":
        if (!ERROR_CODES.includes(token.text)) throw new FormulaSyntaxError(token.text);
        return { type: "error", value: token.text as ErrorCode };
      case "sheet": {
        const raw = token.text.slice(0, -1);
        const sheet = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
        const cell = this.peek();
        if (cell?.kind !== "cell") throw new FormulaSyntaxError(`${raw}! without a cell`);
        this.at += 1;
        return this.area(cell.text, sheet);
      }
      case "cell":
        return this.area(token.text, undefined);
      case "word":
        if (this.isOperator("(")) return this.call(token.text);
        if (/^(TRUE|FALSE)$/i.test(token.text))
          return { type: "boolean", value: token.text.toUpperCase() === "TRUE" };
        return { type: "name", name: token.text };
      case "operator":
        if (token.text === "(") {
          const inner = this.binary();
          this.expect(")");
          return inner;
        }
    }
    throw new FormulaSyntaxError(`unexpected "${token.text}"`);
  }

  /** A cell, or a rectangle when ":" and a second cell follow. */
  private area(first: string, sheet: string | undefined): FormulaNode {
    const start = parseCell(first);
    let end = start;
    if (this.isOperator(":") && this.tokens[this.at + 1]?.kind === "cell") {
      end = parseCell(this.tokens[this.at + 1].text);
      this.at += 2;
    }
    return {
      type: "reference",
      area: {
        sheet,
        top: Math.min(start.row, end.row),
        left: Math.min(start.column, end.column),
        bottom: Math.max(start.row, end.row),
        right: Math.max(start.column, end.column),
      },
    };
  }

  private call(name: string): FormulaNode {
    this.expect("(");
    const args: FormulaNode[] = [];
    if (this.isOperator(")")) {
      this.at += 1;
      return { type: "call", name: name.toUpperCase().replace(/^_XLFN\./, ""), args };
    }
    for (;;) {
      args.push(this.isOperator(",") || this.isOperator(")") ? { type: "missing" } : this.binary());
      if (this.isOperator(")")) break;
      this.expect(",");
    }
    this.at += 1;
    return { type: "call", name: name.toUpperCase().replace(/^_XLFN\./, ""), args };
  }
}

/** The syntax tree of a formula; throws FormulaSyntaxError for text Excel would not accept. */
export function parseFormula(formula: string): FormulaNode {
  return new Parser(lex(formula)).parseFormula();
}

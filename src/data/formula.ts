/**
 * The arithmetic a derived fact is computed with: `investment - tranche_contingent`,
 * `spend_commitment / spend_years`. Operands are fact keys of the same deal and plain numbers;
 * operators + - * / and parentheses. Small on purpose: a derivation a reviewer cannot read at a
 * glance is not a fact any more.
 */
import { Dec } from "../engine/numeric";

export class FormulaError extends Error {}

type Node =
  | { kind: "number"; value: Dec }
  | { kind: "key"; key: string }
  | { kind: "negate"; operand: Node }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Node; right: Node };

/** Limits far above any readable derivation, and low enough that parsing never exhausts the stack. */
export const MAX_FORMULA_LENGTH = 1000;
export const MAX_FORMULA_DEPTH = 40;

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([a-z][a-z0-9_]*)|([-+*/()]))/iy;

function tokenize(formula: string): string[] {
  const tokens: string[] = [];
  const end = formula.trimEnd().length;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < end) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(formula);
    if (!match)
      throw new FormulaError(`unexpected "${formula.slice(at).trim()[0]}" at position ${at + 1}`);
    tokens.push(match[1] ?? match[2] ?? match[3]);
  }
  return tokens;
}

/** A literal the sheet can hold as it is written: not beyond a double's range, not rounded to 0. */
function literal(token: string): Dec {
  const value = new Dec(token);
  const stored = Number(token);
  if (!Number.isFinite(stored) || (stored === 0 && !value.isZero()))
    throw new FormulaError(`${token} is outside the range of numbers a spreadsheet holds`);
  return value;
}

function parse(formula: string): Node {
  if (formula.length > MAX_FORMULA_LENGTH)
    throw new FormulaError(
      `the formula has ${formula.length} characters; at most ${MAX_FORMULA_LENGTH} are read`
    );
  const tokens = tokenize(formula);
  if (tokens.length === 0) throw new FormulaError("the formula is empty");
  let i = 0;
  const peek = () => tokens[i];
  const expression = (): Node => {
    let node = term();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i++] as "+" | "-";
      node = { kind: "binary", op, left: node, right: term() };
    }
    return node;
  };
  const term = (): Node => {
    let node = factor();
    while (peek() === "*" || peek() === "/") {
      const op = tokens[i++] as "*" | "/";
      node = { kind: "binary", op, left: node, right: factor() };
    }
    return node;
  };
  let depth = 0;
  /** A nested part (parentheses, a minus sign): counted, so that nesting stays within the limit. */
  const nested = (read: () => Node): Node => {
    if (++depth > MAX_FORMULA_DEPTH)
      throw new FormulaError(`the formula nests more than ${MAX_FORMULA_DEPTH} levels deep`);
    const node = read();
    depth--;
    return node;
  };
  const factor = (): Node => {
    const token = tokens[i++];
    if (token === undefined) throw new FormulaError("the formula ends too early");
    if (token === "-") return nested(() => ({ kind: "negate", operand: factor() }));
    if (token === "(") {
      const inner = nested(expression);
      if (tokens[i++] !== ")") throw new FormulaError('a "(" is not closed');
      return inner;
    }
    if (/^\d/.test(token)) return { kind: "number", value: literal(token) };
    if (/^[a-z]/i.test(token)) return { kind: "key", key: token };
    throw new FormulaError(`unexpected "${token}"`);
  };
  const root = expression();
  if (i < tokens.length) throw new FormulaError(`unexpected "${tokens[i]}"`);
  return root;
}

/** The fact keys a formula reads, in order of first appearance. Throws FormulaError when it does not parse. */
export function formulaInputs(formula: string): string[] {
  const keys: string[] = [];
  const walk = (node: Node): void => {
    if (node.kind === "key" && !keys.includes(node.key)) keys.push(node.key);
    if (node.kind === "negate") walk(node.operand);
    if (node.kind === "binary") {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(parse(formula));
  return keys;
}

/** Evaluates a formula in decimal, reading each key through `input`. Throws FormulaError. */
export function evaluateFormula(formula: string, input: (key: string) => number): number {
  const evaluate = (node: Node): Dec => {
    switch (node.kind) {
      case "number":
        return node.value;
      case "key":
        return new Dec(input(node.key));
      case "negate":
        return evaluate(node.operand).neg();
      case "binary": {
        const left = evaluate(node.left);
        const right = evaluate(node.right);
        if (node.op === "+") return left.plus(right);
        if (node.op === "-") return left.minus(right);
        if (node.op === "*") return left.times(right);
        if (right.isZero()) throw new FormulaError("the formula divides by zero");
        return left.div(right);
      }
    }
  };
  const result = evaluate(parse(formula));
  const stored = result.toNumber();
  // A value a double cannot hold would be stored as Infinity or 0: no fact may rest on it.
  if (!Number.isFinite(stored) || (stored === 0 && !result.isZero()))
    throw new FormulaError(
      `the result ${result.toString()} is outside the range of numbers a spreadsheet holds`
    );
  return stored;
}

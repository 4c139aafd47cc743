/**
 * Shows a number the way Excel shows it under a number format, for the plan preview and the
 * deal page. It covers what templates use: digit placeholders (0 # ?), thousands separators,
 * scaling by trailing commas, percent, scientific notation, quoted and escaped literals, and up to
 * four sections (positive; negative; zero; text). A format it does not cover (dates, fractions)
 * falls back to General. Rounding is Excel's: half away from zero, on the decimal the cell shows.
 */
import { Dec } from "../engine/numeric";

type Token =
  | { kind: "literal"; text: string }
  | { kind: "digit"; char: "0" | "#" | "?" }
  | { kind: "point" }
  | { kind: "comma" }
  | { kind: "percent" }
  | { kind: "exponent"; sign: "+" | "-"; digits: number }
  | { kind: "text" };

const UNSUPPORTED = /[ymdhs]/i;
/** Excel rounds half away from zero (decimal.js calls it ROUND_HALF_UP); the engine's Dec rounds half to even. */
const HALF_UP = Dec.ROUND_HALF_UP;

/** Splits a format at semicolons that are not quoted or escaped. */
function sections(format: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < format.length; i++) {
    const char = format[i];
    if (char === '"') {
      const close = format.indexOf('"', i + 1);
      const end = close < 0 ? format.length : close;
      current += format.slice(i, end + 1);
      i = end;
    } else if (char === "\\") {
      current += format.slice(i, i + 2);
      i++;
    } else if (char === ";") {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** The section's tokens, or undefined when it holds something this renderer does not cover. */
function tokenize(section: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const char = section[i];
    if (char === '"') {
      const close = section.indexOf('"', i + 1);
      const end = close < 0 ? section.length : close;
      tokens.push({ kind: "literal", text: section.slice(i + 1, end) });
      i = end;
    } else if (char === "\\" || char === "!") {
      tokens.push({ kind: "literal", text: section[i + 1] ?? "" });
      i++;
    } else if (char === "[") {
      // Colours, conditions and locales ([Red], [$-409]) change nothing in plain text.
      const close = section.indexOf("]", i);
      i = close < 0 ? section.length : close;
    } else if (char === "_") {
      tokens.push({ kind: "literal", text: " " });
      i++;
    } else if (char === "*") i++;
    else if (char === "0" || char === "#" || char === "?") tokens.push({ kind: "digit", char });
    else if (char === ".") tokens.push({ kind: "point" });
    else if (char === ",") tokens.push({ kind: "comma" });
    else if (char === "%") tokens.push({ kind: "percent" });
    else if (char === "@") tokens.push({ kind: "text" });
    else if ((char === "E" || char === "e") && (section[i + 1] === "+" || section[i + 1] === "-")) {
      let digits = 0;
      while ("0#".includes(section[i + 2 + digits] ?? "x")) digits++;
      tokens.push({ kind: "exponent", sign: section[i + 1] as "+" | "-", digits });
      i += 1 + digits;
    } else if (UNSUPPORTED.test(char) || char === "/") return undefined;
    else tokens.push({ kind: "literal", text: char });
  }
  return tokens;
}

/** Excel's General in a standard-width column: at most 11 characters, scientific for very large or small numbers. */
export function general(value: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e11 || magnitude < 1e-9) {
    const [mantissa, exponent] = value.toExponential(5).split("e");
    const trimmed = mantissa.replace(/\.?0+$/, "");
    const power = Number(exponent);
    return `${trimmed}E${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  }
  // Eleven characters: the integer digits (at least the 0 of 0.5), the point, the decimals.
  const integerDigits = Math.max(1, Math.floor(Math.log10(magnitude)) + 1);
  return new Dec(value)
    .toFixed(Math.max(0, 10 - integerDigits), HALF_UP)
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The section for a value: negative numbers use the second (without their sign), zero the third. */
function pickSection(parts: string[], value: number): { section: string; negate: boolean } {
  if (value < 0 && parts.length >= 2) return { section: parts[1], negate: false };
  if (value === 0 && parts.length >= 3) return { section: parts[2], negate: false };
  return { section: parts[0], negate: value < 0 };
}

function renderNumber(tokens: Token[], value: number, negate: boolean): string {
  const exponentAt = tokens.findIndex((t) => t.kind === "exponent");
  const pointAt = tokens.findIndex((t) => t.kind === "point");
  const numberEnd = exponentAt >= 0 ? exponentAt : tokens.length;
  const lastDigit = tokens
    .slice(0, numberEnd)
    .reduce((last, t, i) => (t.kind === "digit" ? i : last), -1);
  const intEnd = pointAt >= 0 && pointAt < numberEnd ? pointAt : lastDigit + 1;

  // Commas right after the last integer or decimal digit divide by 1000 each; a comma between
  // integer digits groups thousands.
  let scale = 0;
  let grouped = false;
  tokens.forEach((t, i) => {
    if (t.kind !== "comma") return;
    const digitBefore = tokens.slice(0, i).some((u) => u.kind === "digit");
    const digitAfter = tokens.slice(i + 1, numberEnd).some((u) => u.kind === "digit");
    if (digitBefore && digitAfter && i < intEnd) grouped = true;
    else if (digitBefore && !digitAfter) scale++;
  });
  const percents = tokens.filter((t) => t.kind === "percent").length;
  const intSlots = tokens.slice(0, intEnd).filter((t) => t.kind === "digit") as { char: string }[];
  const fracSlots = (pointAt >= 0 ? tokens.slice(pointAt + 1, numberEnd) : []).filter(
    (t) => t.kind === "digit"
  ) as {
    char: string;
  }[];

  let magnitude = new Dec(Math.abs(value))
    .times(new Dec(100).pow(percents))
    .div(new Dec(1000).pow(scale));
  let exponentText = "";
  const exponent = tokens[exponentAt];
  if (exponent?.kind === "exponent") {
    // The mantissa keeps as many integer digits as the format has (one, in 0.00E+00).
    const intDigits = Math.max(1, intSlots.length);
    let power = magnitude.isZero()
      ? 0
      : Math.floor(Math.log10(magnitude.toNumber())) - (intDigits - 1);
    let mantissa = magnitude.div(new Dec(10).pow(power));
    if (mantissa.toDecimalPlaces(fracSlots.length, HALF_UP).gte(new Dec(10).pow(intDigits))) {
      power++;
      mantissa = magnitude.div(new Dec(10).pow(power));
    }
    magnitude = mantissa;
    const sign = power < 0 ? "-" : exponent.sign === "+" ? "+" : "";
    exponentText = `E${sign}${String(Math.abs(power)).padStart(exponent.digits, "0")}`;
  }
  const [intDigits, fracDigits = ""] = magnitude.toFixed(fracSlots.length, HALF_UP).split(".");
  const minInt = intSlots.filter((s) => s.char === "0").length;
  const integer = intDigits.replace(/^0+/, "").padStart(minInt, "0");
  let fraction = "";
  for (let i = 0; i < fracSlots.length; i++) {
    const optionalTail =
      fracDigits.slice(i).match(/^0*$/) && fracSlots.slice(i).every((s) => s.char !== "0");
    if (optionalTail) {
      fraction += fracSlots[i].char === "?" ? " ".repeat(fracSlots.length - i) : "";
      break;
    }
    fraction += fracDigits[i];
  }

  const firstInt = tokens.findIndex((t, i) => t.kind === "digit" && i < intEnd);
  const firstFrac = tokens.findIndex(
    (t, i) => t.kind === "digit" && pointAt >= 0 && i > pointAt && i < numberEnd
  );
  let out = "";
  tokens.forEach((t, i) => {
    if (t.kind === "literal") out += t.text;
    else if (t.kind === "percent") out += "%";
    else if (t.kind === "point") out += ".";
    else if (t.kind === "exponent") out += exponentText;
    else if (i === firstInt) out += grouped ? group(integer) : integer;
    else if (i === firstFrac) out += fraction;
    // Other digit slots and the commas were filled in above.
  });
  return (negate && /[1-9]/.test(out) ? "-" : "") + out;
}

/** `value` as Excel shows it under `format`; text goes into the text section's @ if there is one. */
export function formatValue(value: number | string, format: string | undefined): string {
  if (typeof value === "string") {
    const parts = format ? sections(format) : [];
    const textSection = parts.length === 4 ? parts[3] : parts.find((part) => part.includes("@"));
    const tokens = textSection === undefined ? undefined : tokenize(textSection);
    if (!tokens) return value;
    return tokens
      .map((t) => (t.kind === "text" ? value : t.kind === "literal" ? t.text : ""))
      .join("");
  }
  if (!Number.isFinite(value)) return String(value);
  if (!format || /^general$/i.test(format.trim()) || format === "@") return general(value);
  const { section, negate } = pickSection(sections(format), value);
  const tokens = tokenize(section);
  if (!tokens || tokens.some((t) => t.kind === "text")) return general(value);
  // A section of literals only ("n/a") shows just them.
  if (!tokens.some((t) => t.kind === "digit"))
    return tokens.map((t) => (t.kind === "literal" ? t.text : "")).join("");
  return renderNumber(tokens, value, negate);
}

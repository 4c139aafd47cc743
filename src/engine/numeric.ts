import DecimalBase from "decimal.js";
import { numericFailure } from "./errors";

/**
 * The engine's decimal type: a private clone so that no other code's Decimal settings change
 * ours. 34 significant digits (IEEE decimal128) leaves ample room over the 1e-12 relative accuracy
 * the spec asks of every result.
 */
export const Dec = DecimalBase.clone({ precision: 34, rounding: DecimalBase.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** 10^0 … 10^22, the powers of ten a double holds exactly (parsed: `**` may be off by an ulp). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** decimal.js keeps a value's digits in words of seven (base 10^7), most significant first. */
const WORD_DIGITS = 7;
const WORD = 1e7;

/** Below this, a decimal has at most 15 significant digits: no two such round to one double. */
const FIFTEEN_DIGITS = 1e15;

/** A Dec from decimal.js's own fields: sign, exponent of the leading digit, digits in words. */
function decFromParts(sign: number, exponent: number, words: number[]): Dec {
  const value = Object.create(Dec.prototype) as { constructor: unknown; s: number; e: number };
  // the fields in the constructor's order, so that the engine sees one object shape
  value.constructor = Dec;
  value.s = sign;
  value.e = exponent;
  (value as { d?: number[] }).d = words;
  return value as unknown as Dec;
}

/** ±m·10^(−k) as a Dec, for a whole number 0 < m < 2^53 and 0 ≤ k ≤ 22. */
function decFromScaled(sign: number, m: number, k: number): Dec {
  // the words sit on multiples of seven decimal places: the lowest holds m's last 7 − shift
  // digits followed by shift zeros
  const shift = (WORD_DIGITS - (k % WORD_DIGITS)) % WORD_DIGITS;
  const lowDivisor = POWERS_OF_TEN[WORD_DIGITS - shift];
  const low = m % lowDivisor;
  const lowToHigh = [low * POWERS_OF_TEN[shift]];
  // exact: m − low is a multiple of the divisor, as each rest less its word is of WORD
  for (let rest = (m - low) / lowDivisor; rest > 0;) {
    const word = rest % WORD;
    lowToHigh.push(word);
    rest = (rest - word) / WORD;
  }
  let end = 0;
  while (lowToHigh[end] === 0) end++; // decimal.js keeps no trailing zero words
  const words: number[] = new Array(lowToHigh.length - end);
  for (let i = 0; i < words.length; i++) words[i] = lowToHigh[lowToHigh.length - 1 - i] | 0;
  let digits = 1;
  while (m >= POWERS_OF_TEN[digits]) digits++;
  return decFromParts(sign, digits - 1 - k, words);
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * ±x as a Dec, read from x's shortest text ("0.0123", "123.45", "1.5e-7", "1.2e+25") as
 * decimal.js reads it, without its regular expression, replace and slices.
 */
function decFromText(sign: number, x: number): Dec {
  const text = x.toString();
  const exponentAt = text.indexOf("e");
  const end = exponentAt < 0 ? text.length : exponentAt;
  const pointAt = text.indexOf(".");
  const point = pointAt < 0 ? end : pointAt;
  // the significant digits: from the first non-zero digit to the last
  let first = 0;
  while (!isDigit(text.charCodeAt(first)) || text.charCodeAt(first) === 48) first++;
  let last = end;
  while (!isDigit(text.charCodeAt(last - 1)) || text.charCodeAt(last - 1) === 48) last--;
  const exponent =
    (first < point ? point - first - 1 : point - first) +
    (exponentAt < 0 ? 0 : Number(text.slice(exponentAt + 1)));
  const words: number[] = [];
  // the leading word holds the digits down to the next multiple of seven decimal places
  let room = (((exponent % WORD_DIGITS) + WORD_DIGITS) % WORD_DIGITS) + 1;
  let word = 0;
  for (let i = first; i < last; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) continue;
    word = word * 10 + (code - 48);
    if (--room === 0) {
      words.push(word);
      word = 0;
      room = WORD_DIGITS;
    }
  }
  if (room < WORD_DIGITS) words.push(word * POWERS_OF_TEN[room]);
  return decFromParts(sign, exponent, words);
}

/**
 * Exactly `new Dec(x)`, without decimal.js's reading of x's text (0.3–0.6 µs a number, most of
 * what a list argument cost). A whole number below 2^53, and
 * m·10^(−k) with at most 15 significant digits, need no text: two decimals of 15 digits never
 * round to the same double, so such an m·10^(−k) that rounds to x is the shortest text naming x,
 * the one decimal.js reads. Other doubles are read from that text.
 */
export function decFromDouble(x: number): Dec {
  if (x === 0 || !Number.isFinite(x)) return new Dec(x);
  const sign = x < 0 ? -1 : 1;
  const magnitude = Math.abs(x);
  if (Number.isSafeInteger(magnitude)) return decFromScaled(sign, magnitude, 0);
  for (let k = 1; k < POWERS_OF_TEN.length; k++) {
    const scaled = magnitude * POWERS_OF_TEN[k];
    if (scaled >= FIFTEEN_DIGITS) break;
    const m = Math.round(scaled);
    // m / 10^k is rounded once, as reading the text "m e−k" is
    if (m / POWERS_OF_TEN[k] === magnitude) return decFromScaled(sign, m, k);
  }
  return decFromText(sign, magnitude);
}

/** Whole numbers below this are exact in a double. */
const EXACT_WHOLE = 2 ** 53;

/**
 * Exactly `value.toNumber()`, without its detour through text (about 0.5 µs) where the value is
 * W·10^q for a whole W < 2^53 and |q| ≤ 22: both are exact doubles, so one product or quotient
 * rounds once, to the nearest double, as reading the text does (Clinger's fast path).
 */
export function decToNumber(value: Dec): number {
  const { d: words, e: exponent, s: sign } = value;
  if (words && words.length <= 3) {
    let whole = 0;
    // each step is exact while below 2^53; rounding keeps order, so a total at or above 2^53
    // means the exact one is too
    for (const word of words) whole = whole * WORD + word;
    const scale = WORD_DIGITS * (Math.floor(exponent / WORD_DIGITS) - words.length + 1);
    if (whole < EXACT_WHOLE && Math.abs(scale) < POWERS_OF_TEN.length) {
      const magnitude = scale < 0 ? whole / POWERS_OF_TEN[-scale] : whole * POWERS_OF_TEN[scale];
      return sign * magnitude;
    }
  }
  return value.toNumber();
}

/** The nearest double to a decimal result; a result outside a double's range is #NUM!. */
export function toDouble(value: Dec, what: string): number {
  const double = decToNumber(value);
  if (!Number.isFinite(double)) throw numericFailure(`${what} is too large to represent`);
  return Object.is(double, -0) ? 0 : double;
}

export const decMin = (a: Dec, b: Dec): Dec => (a.lessThan(b) ? a : b);

/** Continuous-compounding equivalent of an annual effective rate: r_c = ln(1 + r). */
export const continuousRate = (annualRate: Dec): Dec => annualRate.plus(1).ln();

/** (1 + r)^(−t): the discount factor for an annual effective rate over t years. */
export const discountFactor = (annualRate: Dec, years: Dec): Dec =>
  annualRate.plus(1).pow(years.neg());

/**
 * Excel's financial functions on doubles, in the forms Excel and LibreOffice document. The rate
 * solvers (IRR, XIRR) run Newton's method from Excel's guess to full double precision, so the
 * root found is the one Excel's own iteration converges to from the same guess.
 */
import { DIV0, FormulaError, NUM } from "./values";

export function npv(rate: number, values: readonly number[]): number | FormulaError {
  if (rate === -1) return DIV0;
  return values.reduce((sum, value, i) => sum + value / (1 + rate) ** (i + 1), 0);
}

/** Present value of an annuity (LibreOffice's ScGetPV form); `atStart` is Excel's type 1. */
export function pv(
  rate: number,
  periods: number,
  payment: number,
  future: number,
  atStart: boolean
) {
  if (rate === 0) return -(future + payment * periods);
  const discount = (1 + rate) ** -periods;
  const annuity = atStart
    ? (payment * (1 - (1 + rate) ** (-periods + 1))) / rate + payment
    : (payment * (1 - discount)) / rate;
  return -(future * discount + annuity);
}

export function pmt(
  rate: number,
  periods: number,
  present: number,
  future: number,
  atStart: boolean
): number | FormulaError {
  if (periods === 0) return NUM;
  if (rate === 0) return -(present + future) / periods;
  const growth = (1 + rate) ** periods;
  return -((present * growth + future) * rate) / ((1 + (atStart ? rate : 0)) * (growth - 1));
}

/** Day counts from the first date, whole days (Excel truncates date serials). */
const yearFractions = (dates: readonly number[]): number[] =>
  dates.map((date) => (Math.trunc(date) - Math.trunc(dates[0])) / 365);

export function xnpv(
  rate: number,
  values: readonly number[],
  dates: readonly number[]
): number | FormulaError {
  if (values.length !== dates.length || values.length === 0) return NUM;
  if (dates.some((date) => Math.trunc(date) < Math.trunc(dates[0]))) return NUM;
  if (rate <= -1) return NUM;
  const years = yearFractions(dates);
  return values.reduce((sum, value, i) => sum + value / (1 + rate) ** years[i], 0);
}

const MAX_ITERATIONS = 200;

/**
 * The root of f near `guess` by Newton's method, stopping when a step no longer changes the
 * rate beyond round-off; #NUM! when it does not converge (as Excel reports it).
 */
function newton(
  f: (rate: number) => { value: number; slope: number },
  guess: number
): number | FormulaError {
  let rate = guess;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const { value, slope } = f(rate);
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) return NUM;
    const next = rate - value / slope;
    if (!Number.isFinite(next) || next <= -1) return NUM;
    if (Math.abs(next - rate) <= 1e-15 * Math.max(1, Math.abs(next))) return next;
    rate = next;
  }
  return NUM;
}

/** Excel's cash-flow rules for a rate: at least one inflow and one outflow. */
const hasBothSigns = (values: readonly number[]) =>
  values.some((v) => v > 0) && values.some((v) => v < 0);

export function irr(values: readonly number[], guess = 0.1): number | FormulaError {
  if (!hasBothSigns(values)) return NUM;
  return newton((rate) => {
    let value = 0;
    let slope = 0;
    values.forEach((flow, i) => {
      value += flow / (1 + rate) ** i;
      slope -= (i * flow) / (1 + rate) ** (i + 1);
    });
    return { value, slope };
  }, guess);
}

export function xirr(
  values: readonly number[],
  dates: readonly number[],
  guess = 0.1
): number | FormulaError {
  if (values.length !== dates.length || !hasBothSigns(values)) return NUM;
  if (dates.some((date) => Math.trunc(date) < Math.trunc(dates[0]))) return NUM;
  const years = yearFractions(dates);
  return newton((rate) => {
    let value = 0;
    let slope = 0;
    values.forEach((flow, i) => {
      value += flow / (1 + rate) ** years[i];
      slope -= (years[i] * flow) / (1 + rate) ** (years[i] + 1);
    });
    return { value, slope };
  }, guess);
}

/**
 * Excel's financial functions on doubles, in the forms Excel and LibreOffice document. The rate
 * solvers (IRR, XIRR) run Newton's method from Excel's guess to full double precision, so the
 * root found is the one Excel's own iteration converges to from the same guess.
 *
 * Where they fail, Excel and LibreOffice give different errors (NPV at -100%: #DIV/0! and #NUM!;
 * IRR without a sign change: #NUM! and #N/A; XIRR over unequal lists: #NUM! and #VALUE!), so a
 * failure is Uncomputable: no cached value rather than one host's error.
 */
import { FormulaError, NUM, Uncomputable } from "./values";

const noRate = (why: string): never => {
  throw new Uncomputable(`${why} (Excel and LibreOffice give different errors)`);
};

export function npv(rate: number, values: readonly number[]): number {
  if (rate === -1) noRate("NPV at a rate of -100%");
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

/** Excel's rules for dated flows: as many dates as values, none before the first. */
function checkDated(values: readonly number[], dates: readonly number[]): void {
  if (values.length !== dates.length || values.length === 0) noRate("unequal values and dates");
  if (dates.some((date) => Math.trunc(date) < Math.trunc(dates[0])))
    noRate("a date before the first");
}

export function xnpv(rate: number, values: readonly number[], dates: readonly number[]): number {
  checkDated(values, dates);
  if (rate <= -1) noRate("XNPV at a rate of -100% or less");
  const years = yearFractions(dates);
  return values.reduce((sum, value, i) => sum + value / (1 + rate) ** years[i], 0);
}

const MAX_ITERATIONS = 200;

/**
 * The root of f near `guess` by Newton's method, stopping when a step no longer changes the
 * rate beyond round-off; #NUM! when it does not converge (as Excel reports it).
 */
function newton(f: (rate: number) => { value: number; slope: number }, guess: number): number {
  let rate = guess;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const { value, slope } = f(rate);
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) break;
    const next = rate - value / slope;
    if (!Number.isFinite(next) || next <= -1) break;
    if (Math.abs(next - rate) <= 1e-15 * Math.max(1, Math.abs(next))) return next;
    rate = next;
  }
  return noRate("no rate found from the guess");
}

/** Excel's cash-flow rules for a rate: at least one inflow and one outflow. */
const hasBothSigns = (values: readonly number[]) =>
  values.some((v) => v > 0) && values.some((v) => v < 0);

export function irr(values: readonly number[], guess = 0.1): number {
  if (!hasBothSigns(values)) noRate("flows without both signs");
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

export function xirr(values: readonly number[], dates: readonly number[], guess = 0.1): number {
  checkDated(values, dates);
  if (!hasBothSigns(values)) noRate("flows without both signs");
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

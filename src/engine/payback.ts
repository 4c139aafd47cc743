/**
 * The payback period of a cumulative discounted net flow, shared by VENDOR_LOOP_SCHEDULE and
 * LOOK_THROUGH: the last crossing, i.e. the period from which the cumulative flow stays >= 0 to
 * the end. The first crossing would call a deal paid back that a later tranche pushes back under.
 */
import { notAvailable } from "./errors";

/**
 * `lastBelowZero` is the last period whose cumulative flow is < 0 (−1 when none is), `lastPeriod`
 * the schedule's last period. 0 when the flow is never below zero; #N/A when it ends below zero.
 */
export function paybackPeriod(lastBelowZero: number, lastPeriod: number): number {
  if (lastBelowZero >= lastPeriod) {
    throw notAvailable(
      `payback_period: the cumulative discounted net flow is still below 0 at the last period (${lastPeriod})`
    );
  }
  return lastBelowZero + 1;
}

/**
 * The deals FACT and FACT_SOURCE read: the built-in library, or the library with the sources the
 * user imported in the taskpane. The functions and the taskpane are separate bundles in Excel's
 * one shared runtime, so the hand-over is a global slot under a registered symbol, not a module
 * variable (each bundle has its own copy of every module).
 */
import { BUILTIN_LIBRARY } from "./library";
import { LibraryDeal } from "./schema";

const SLOT = Symbol.for("dealloop.sessionDeals");
type Slot = { [SLOT]?: readonly LibraryDeal[] };

export function sessionDeals(): readonly LibraryDeal[] {
  return (globalThis as Slot)[SLOT] ?? BUILTIN_LIBRARY;
}

/** Makes `deals` what FACT reads from now on in this runtime. */
export function shareSessionDeals(deals: readonly LibraryDeal[]): void {
  (globalThis as Slot)[SLOT] = deals;
}

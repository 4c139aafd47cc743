/**
 * Keeping Office.js requests under Excel on the web's payload limit (5 MB per request and per
 * response). Each queued operation carries an estimate of what it adds to the request: the
 * UTF-8 size of its JSON arguments plus a fixed allowance per API call for its action and object path.
 * Operations are packed, in order, into batches of at most SYNC_BUDGET; each batch is one
 * context.sync(). The budget is 4 MB, not 5, to leave room for the envelope and for the
 * estimate's error.
 */

export const SYNC_BUDGET = 4 * 1024 * 1024;

/** What one API call costs on the wire besides its arguments (its action and object path). */
export const CALL_OVERHEAD = 256;

/** Bytes of `value` as JSON in UTF-8. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** An operation to queue on the request context, and its estimated size on the wire. */
export interface QueuedOp {
  /** What it does, for error messages: "write Vendor loop!A1:J40". */
  label: string;
  size: number;
  queue(): void;
}

/** An operation of `calls` API calls (getRange and a property set are two). */
export function op(label: string, payload: unknown, queue: () => void, calls = 2): QueuedOp {
  return { label, size: calls * CALL_OVERHEAD + jsonBytes(payload), queue };
}

/** Consecutive operations grouped so that no batch exceeds `budget`. Order is kept. */
export function packBatches(ops: readonly QueuedOp[], budget = SYNC_BUDGET): QueuedOp[][] {
  const batches: QueuedOp[][] = [];
  let current: QueuedOp[] = [];
  let size = 0;
  for (const item of ops) {
    if (item.size > budget)
      throw new Error(
        `${item.label} alone is ${item.size} bytes, over the ${budget}-byte request budget`
      );
    if (current.length > 0 && size + item.size > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Row ranges [start, end) whose summed sizes stay within `budget`, so that a sheet's 2-D writes
 * can be split by rows: a row larger than the budget gets a block of its own (and fails loudly in
 * packBatches if it alone is over the request budget).
 */
export function rowBlocks(rowSizes: readonly number[], budget: number): [number, number][] {
  const blocks: [number, number][] = [];
  let start = 0;
  let size = 0;
  rowSizes.forEach((rowSize, r) => {
    if (r > start && size + rowSize > budget) {
      blocks.push([start, r]);
      start = r;
      size = 0;
    }
    size += rowSize;
  });
  if (rowSizes.length > start) blocks.push([start, rowSizes.length]);
  return blocks;
}

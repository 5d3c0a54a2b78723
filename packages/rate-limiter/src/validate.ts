// Programmer-error checks shared by the limiters: bad options and bad call arguments throw with a message
// that says how to fix the call. Nothing here sees attacker-controlled input.

export function assertPositiveInteger(value: unknown, what: string, fix: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${String(value)}: ${fix}`);
  }
}

export function assertNonNegativeInteger(value: unknown, what: string, fix: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}: ${fix}`);
  }
}

export function assertNow(nowMs: unknown): asserts nowMs is number {
  if (typeof nowMs !== 'number' || !Number.isSafeInteger(nowMs)) {
    throw new RangeError(
      `nowMs must be an integer number of milliseconds, got ${String(nowMs)}: pass Date.now() (or Math.floor of your clock)`,
    );
  }
}

export function assertCost(cost: unknown): asserts cost is number {
  if (typeof cost !== 'number' || !Number.isSafeInteger(cost) || cost < 1) {
    throw new RangeError(
      `cost must be a positive integer, got ${String(cost)}: omit it for 1, or pass a whole count`,
    );
  }
}

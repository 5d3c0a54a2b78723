// Naive reference models for the property tests: they store every hit's time and recount from scratch.
// Same clock rule as the library (a time earlier than the latest seen counts as the latest seen).

/** A tiered sliding window that keeps every counted hit forever and counts by scanning all of them. */
export class TieredOracle {
  readonly hits: { time: number; cost: number; tier: number }[] = [];
  private readonly counted: { time: number; cost: number }[] = [];
  private latest = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly windowMs: number,
    private readonly upTos: readonly number[],
    private readonly countBeyond = true,
  ) {}

  hit(nowMs: number, cost = 1): { tier: number; count: number; time: number } {
    const time = Math.max(nowMs, this.latest);
    this.latest = time;
    let inWindow = 0;
    for (const h of this.counted) if (h.time > time - this.windowMs) inWindow += h.cost;
    const count = inWindow + cost;
    let tier = 0;
    while (tier < this.upTos.length && count > this.upTos[tier]!) tier++;
    if (this.countBeyond || tier < this.upTos.length) this.counted.push({ time, cost });
    this.hits.push({ time, cost, tier });
    return { tier, count, time };
  }
}

/** All windows at once; only allowed hits are stored. */
export class MultiWindowOracle {
  private readonly allowed: number[] = [];
  private latest = Number.NEGATIVE_INFINITY;
  constructor(private readonly windows: readonly { windowMs: number; limit: number }[]) {}

  hit(nowMs: number, cost = 1): { allowed: boolean; counts: number[] } {
    const time = Math.max(nowMs, this.latest);
    this.latest = time;
    const counts = this.windows.map((w) => this.allowed.filter((t) => t > time - w.windowMs).length + cost);
    const allowed = counts.every((c, i) => c <= this.windows[i]!.limit);
    if (allowed) for (let i = 0; i < cost; i++) this.allowed.push(time);
    return { allowed, counts };
  }
}

/**
 * The largest total cost of hits with a tier <= `maxTier` found in any window [a, a + windowMs) over the given
 * (time, cost, tier) list: what the window invariants bound.
 */
export function maxInAnyWindow(
  hits: readonly { time: number; cost: number; tier: number }[],
  windowMs: number,
  maxTier: number,
): number {
  const selected = hits.filter((h) => h.tier <= maxTier).sort((x, y) => x.time - y.time);
  let best = 0;
  let sum = 0;
  let start = 0;
  for (let end = 0; end < selected.length; end++) {
    sum += selected[end]!.cost;
    while (selected[end]!.time - selected[start]!.time >= windowMs) sum -= selected[start++]!.cost;
    if (sum > best) best = sum;
  }
  return best;
}

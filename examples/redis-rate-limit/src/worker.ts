// One worker process of the concurrency test: receives its share of hits over IPC, runs them against the shared
// Redis limiter as fast as it can, and sends back what it decided for each.
import { createTieredLimiter, inboundUpdateLimit } from '@mailroom/rate-limiter';
import { Redis } from 'ioredis';
import { createRedisLimiter } from './redis-limiter.ts';

export interface WorkerJob {
  readonly url: string;
  readonly prefix: string;
  readonly worker: number;
  /** [global index, key, nowMs] */
  readonly hits: readonly (readonly [number, string, number])[];
}

export interface WorkerReport {
  readonly worker: number;
  /** [global index, outcome, attempts] */
  readonly results: readonly (readonly [number, string, number])[];
}

process.once('message', (job: WorkerJob) => {
  void run(job).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(`worker ${job.worker}:`, error);
      process.exit(1);
    },
  );
});

async function run(job: WorkerJob): Promise<WorkerReport> {
  const redis = new Redis(job.url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
  try {
    const limiter = createRedisLimiter(redis, createTieredLimiter(inboundUpdateLimit), {
      prefix: job.prefix,
      journal: true,
    });
    const results: (readonly [number, string, number])[] = [];
    for (const [index, key, nowMs] of job.hits) {
      const hit = await limiter.hit(key, nowMs, 1, String(index));
      if (!hit.ok) throw new Error(`hit ${index} on ${key} lost ${hit.attempts} races in a row`);
      results.push([index, hit.outcome, hit.attempts]);
    }
    return { worker: job.worker, results };
  } finally {
    redis.disconnect();
  }
}

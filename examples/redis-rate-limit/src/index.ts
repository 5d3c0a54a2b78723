export type { RedisHit, RedisLimiter, RedisLimiterOptions } from './redis-limiter.ts';
export { createRedisLimiter } from './redis-limiter.ts';

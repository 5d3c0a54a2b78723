# Sourced by .ci/run: start the local services that some tests need, on 127.0.0.1 only, and stop them after.
# Each service is optional for a developer's run (its tests say clearly why they skip) but CI always starts it.
#
# Redis (examples/redis-rate-limit): Debian's redis-server, installed with apt-get when absent, on a fixed port,
# daemonized, without persistence (no RDB, no AOF), data in a throw-away directory. Exports MAILROOM_REDIS_URL.
# If it cannot be started, MAILROOM_REDIS_URL stays unset and the example's tests FAIL under CI (never skip).
MAILROOM_REDIS_PORT="${MAILROOM_REDIS_PORT:-6390}"
MAILROOM_REDIS_DIR=""

services_redis_ping() {
  redis-cli -h 127.0.0.1 -p "$MAILROOM_REDIS_PORT" ping 2>/dev/null | grep -q PONG
}

services_start() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "services: redis-server absent, installing Debian's redis-server with apt-get"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }; then
      echo "services: could not install redis-server; the Redis example will fail under CI"
      return 0
    fi
  fi
  if services_redis_ping; then
    echo "services: a Redis already answers on 127.0.0.1:$MAILROOM_REDIS_PORT, using it"
  else
    MAILROOM_REDIS_DIR="$(mktemp -d)"
    redis-server --bind 127.0.0.1 --port "$MAILROOM_REDIS_PORT" --protected-mode yes --daemonize yes \
      --save '' --appendonly no --dir "$MAILROOM_REDIS_DIR" \
      --pidfile "$MAILROOM_REDIS_DIR/redis.pid" --logfile "$MAILROOM_REDIS_DIR/redis.log"
    local i
    for i in $(seq 1 100); do
      services_redis_ping && break
      sleep 0.1
    done
    if ! services_redis_ping; then
      echo "services: redis-server did not answer PING on 127.0.0.1:$MAILROOM_REDIS_PORT"
      cat "$MAILROOM_REDIS_DIR/redis.log" 2>/dev/null | tail -20
      return 0
    fi
    echo "services: redis-server $(redis-server --version | awk '{print $3}') on 127.0.0.1:$MAILROOM_REDIS_PORT"
  fi
  export MAILROOM_REDIS_URL="redis://127.0.0.1:$MAILROOM_REDIS_PORT"
}

services_stop() {
  # Only stop the server this script started (a Redis that was already running is left alone).
  if [ -n "$MAILROOM_REDIS_DIR" ]; then
    redis-cli -h 127.0.0.1 -p "$MAILROOM_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$MAILROOM_REDIS_DIR"
    MAILROOM_REDIS_DIR=""
  fi
}

#!/usr/bin/env bash
# Quick start, command 2: the whole test suite (build, then every vitest project).
# Extra arguments go to vitest (e.g. --reporter=json --outputFile=...).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MAILROOM_ROOT"
pnpm install --frozen-lockfile --reporter=silent
pnpm run --silent build
pnpm exec vitest run "$@"

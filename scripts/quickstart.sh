#!/usr/bin/env bash
# Quick start, command 1: install everything (Node 24 when the system Node is older, pnpm, the
# dependencies), build, and triage the sample mail in examples/mail/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MAILROOM_ROOT"
pnpm install --frozen-lockfile --reporter=silent
pnpm run --silent build
node packages/cli/dist/bin.js triage --support-address support@acme.example --agent-address "*@acme.example" examples/mail "$@"

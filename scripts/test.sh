#!/bin/sh
# The test command: unit tests, then integration tests on the real engine and real
# sandboxes with every lesson tested like code (npm run lesson:test) and Killercoda's own
# Docker scenarios played step by step, then end-to-end tests in a real Chromium.
# `npm test -- unit` runs one suite.
# Setup (engine, images, registry mirror) runs first and skips what is already there.
set -e
cd "$(dirname "$0")/.."
suite=${1:-all}
failed=""
# Every suite runs even when an earlier one fails; the exit code tells if any did. A file's
# process ends when its tests have (--test-force-exit), so a handle left open on a real
# engine or browser cannot hang a run. The unit tests (fakes only) run without it: Node 20
# then reports every test, where with it a file's `describe` blocks can go unreported.
run() { node --import tsx --test --test-force-exit --test-concurrency=1 "$@" || failed="$failed $(basename "$(dirname "$1")")"; }
run_all_reported() { node --import tsx --test --test-concurrency=1 "$@" || failed="$failed $(basename "$(dirname "$1")")"; }

if [ "$suite" = all ] || [ "$suite" = unit ]; then
  echo "== unit tests"
  run_all_reported test/unit/*.test.ts
fi
[ "$suite" = unit ] && [ -z "$failed" ] && exit 0
[ "$suite" = unit ] && exit 1

echo "== setup (engine, images, registry mirror)"
npx tsx server/setup/cli.ts

if [ "$suite" = all ] || [ "$suite" = integration ]; then
  echo "== integration tests (real engine, real sandboxes)"
  run test/integration/*.test.ts
  echo "== lessons (npm run lesson:test: each step in a real sandbox)"
  npx tsx server/lessons/lesson-test-cli.ts lessons || failed="$failed lessons"
  echo "== Killercoda's Docker scenarios (each step in a real sandbox, with their verify scripts)"
  run test/killercoda/*.test.ts
fi

if [ "$suite" = all ] || [ "$suite" = e2e ]; then
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "== installing Debian's chromium for the end-to-end tests"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core >/dev/null
    else
      echo "The end-to-end tests need Chromium at /usr/bin/chromium (apt-get install chromium)." >&2
      exit 1
    fi
  fi
  echo "== end-to-end tests (Chromium)"
  run test/e2e/*.test.ts
fi

if [ -n "$failed" ]; then
  echo "FAILED suites:$failed" >&2
  exit 1
fi

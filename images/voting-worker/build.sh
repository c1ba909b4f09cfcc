#!/usr/bin/env bash
. "$PLAYGROUND_ROOT/images/lib/node-app.sh"
build_node_app "$(dirname "${BASH_SOURCE[0]}")" "" worker.js \
  "The example voting app's worker (Redis to PostgreSQL), rewritten for the playground"

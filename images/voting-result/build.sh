#!/usr/bin/env bash
. "$PLAYGROUND_ROOT/images/lib/node-app.sh"
build_node_app "$(dirname "${BASH_SOURCE[0]}")" "80" server.js \
  "The example voting app's live results page, rewritten for the playground"

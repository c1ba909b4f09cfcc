#!/usr/bin/env bash
. "$PLAYGROUND_ROOT/images/lib/node-app.sh"
build_node_app "$(dirname "${BASH_SOURCE[0]}")" "80" server.js \
  "The example voting app's vote page (Cats vs Dogs), rewritten for the playground"

#!/usr/bin/env bash
. "$PLAYGROUND_ROOT/images/lib/node-app.sh"
build_node_app "$(dirname "${BASH_SOURCE[0]}")" "3000" server.js \
  "A Node.js page-view counter backed by Redis, like katacoda/redis-node-docker-example"

#!/bin/sh
# As the official image's: options, or anything that is not a command, go to node.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1" 2>/dev/null || true)" ]; then
  set -- node "$@"
fi
exec "$@"

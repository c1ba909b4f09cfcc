#!/bin/sh
# As curlimages/curl's: options or a URL go to curl; a command (sh, ...) runs as given.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1" 2>/dev/null)" ]; then
  set -- curl "$@"
fi
exec "$@"

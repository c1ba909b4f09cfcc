#!/bin/sh
# As the official image's: options, or a script that is not executable, go to bash.
set -e
if [ "${1#-}" != "$1" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then
  set -- bash "$@"
fi
exec "$@"

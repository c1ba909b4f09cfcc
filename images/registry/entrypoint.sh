#!/bin/sh
# As the official image's: a config file (or nothing but one) starts the registry with it.
set -e
case "$1" in
  *.yaml | *.yml) set -- registry serve "$@" ;;
  serve | garbage-collect | help | -*) set -- registry "$@" ;;
esac
exec "$@"

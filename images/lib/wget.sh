#!/bin/sh
# wget for the busybox-based images. Debian 12's busybox 1.35 crashes on `wget -T SECONDS`, so
# the limit is applied with busybox's timeout applet instead; every other option goes to wget.
limit=
n=$#
while [ "$n" -gt 0 ]; do
  arg=$1
  shift
  n=$((n - 1))
  case $arg in
    -T | --timeout)
      limit=$1
      shift
      n=$((n - 1))
      ;;
    -T*) limit=${arg#-T} ;;
    --timeout=*) limit=${arg#--timeout=} ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ -n "$limit" ]; then
  exec busybox timeout "$limit" busybox wget "$@"
fi
exec busybox wget "$@"

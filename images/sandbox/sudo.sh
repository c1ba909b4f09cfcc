#!/bin/sh
# The learner is root in the sandbox; `sudo cmd` (as lessons for a normal user write it) runs cmd.
while [ $# -gt 0 ]; do
  case $1 in
    -u | -g | -C | -h | -p | -r | -t | -U) shift 2 ;;
    --) shift; break ;;
    -*) shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: sudo command [args]" >&2; exit 1; }
exec "$@"

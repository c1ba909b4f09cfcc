#!/bin/sh
# Like the official image: bare options or a config file mean "run redis-server with these",
# and protected mode is off (clients come through Docker's networking, never loopback).
# Unlike it, the server keeps running as root: inside a sandbox, `docker exec` into a container
# whose main process belongs to another user needs CAP_SYS_PTRACE, which sandboxes lack, and
# `docker exec -it redis redis-cli` is a step of many lessons.
set -e

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

if [ "$1" = redis-server ]; then
  case " $* " in
    *protected-mode*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi

exec "$@"

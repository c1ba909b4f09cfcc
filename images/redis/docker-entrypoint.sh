#!/bin/sh
# Like the official image: bare options or a config file mean "run redis-server with these",
# protected mode is off (a container is reached through Docker's networking, never loopback),
# and the server runs as the unprivileged redis user.
set -e

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

if [ "$1" = redis-server ]; then
  case " $* " in
    *protected-mode*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
  if [ "$(id -u)" = 0 ]; then
    chown -R redis:redis . 2>/dev/null || true
    exec su redis -s /bin/sh -c 'exec "$0" "$@"' -- "$@"
  fi
fi

exec "$@"

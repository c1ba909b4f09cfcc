#!/bin/sh
# Like the official image: on first start create a cluster in $PGDATA (superuser
# $POSTGRES_USER, default postgres; trust authentication unless POSTGRES_PASSWORD is set;
# listening on all addresses), then run the server as the unprivileged postgres user.
set -e

if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  # A mounted volume may belong to root: hand it to postgres, then start again as postgres.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec su postgres -s /bin/sh -c 'exec "$0" "$@"' -- "$0" "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  auth=trust
  if [ -n "$POSTGRES_PASSWORD" ]; then
    auth=scram-sha-256
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host="$auth" \
      --encoding=UTF8 --locale=C >/dev/null
    rm -f "$pwfile"
  else
    echo "No POSTGRES_PASSWORD: every connection is trusted (as in the official image without one)."
    initdb -D "$PGDATA" --username="$user" --auth=trust --encoding=UTF8 --locale=C >/dev/null
  fi
  printf "listen_addresses = '*'\njit = off\n" >>"$PGDATA/postgresql.conf"
  printf 'host all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  db=${POSTGRES_DB:-$user}
  if [ "$db" != postgres ]; then
    echo "CREATE DATABASE \"$db\";" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"

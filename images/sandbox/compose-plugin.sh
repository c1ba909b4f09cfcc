#!/bin/sh
# `docker compose ...` (Compose v2's syntax) runs Debian's docker-compose 1.29. The commands
# lessons use (up, down, ps, logs, build, exec, run, pull, config) behave alike; v1 names
# containers project_service_1 where v2 writes project-service-1.
if [ "${1:-}" = docker-cli-plugin-metadata ]; then
  printf '{"SchemaVersion":"0.1.0","Vendor":"docker-playground","Version":"1.29.2","ShortDescription":"Docker Compose (docker-compose 1.29 behind v2 syntax)"}\n'
  exit 0
fi
[ "${1:-}" = compose ] && shift
case ${1:-} in
  version) exec docker-compose version --short ;;
esac
exec docker-compose "$@"

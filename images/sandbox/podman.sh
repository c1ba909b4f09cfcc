#!/bin/bash
# podman as Killercoda's machines have it, in front of the sandbox's Docker daemon: podman's
# commands are docker's, so each goes to docker, and what podman runs goes on a network of its
# own (`podman`, 10.88.0.0/16 as podman's default) so that the learner's containers get the
# addresses they would get beside a real podman (the first on the bridge is 172.17.0.2).
# Unlike real podman, its containers show in `docker ps`. See images/README.md.
set -u
NETWORK=podman

has_network_option() {
  local arg
  for arg in "$@"; do
    case $arg in
      --network | --network=* | --net | --net=*) return 0 ;;
      --) return 1 ;;
    esac
  done
  return 1
}

case ${1:-} in
  run | create)
    command=$1
    shift
    if has_network_option "$@"; then exec docker "$command" "$@"; fi
    docker network inspect "$NETWORK" >/dev/null 2>&1 ||
      docker network create --subnet 10.88.0.0/16 "$NETWORK" >/dev/null 2>&1 ||
      docker network inspect "$NETWORK" >/dev/null 2>&1 ||
      { echo "podman: could not create the $NETWORK network" >&2; exit 125; }
    exec docker "$command" --network "$NETWORK" "$@"
    ;;
  pod | machine | generate | play | kube | systemd | unshare | mount | umount)
    echo "podman $1: not here; podman in this sandbox runs its containers with Docker (docker ${*:2})." >&2
    exit 125
    ;;
  *) exec docker "$@" ;;
esac

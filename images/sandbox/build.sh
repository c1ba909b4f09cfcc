#!/usr/bin/env bash
# Builds the sandbox image: Debian with its own Docker daemon, the docker CLI, compose and
# the network tools lessons use. Built offline from Debian's packages with debootstrap.
# Contract (see server/images): env IMAGE_TAG (tag to create), CACHE_DIR (persistent cache).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${IMAGE_TAG:?IMAGE_TAG must name the tag to build}"
: "${CACHE_DIR:?CACHE_DIR must name a cache directory}"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap"
  # A fresh machine may have no package lists yet.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null; }
fi

packages=(
  docker.io docker-compose tini iptables iproute2 iputils-ping curl wget bind9-dnsutils netcat-openbsd
  dtach nano vim less bash-completion procps psmisc jq ca-certificates openssl htop git tree nginx-light openssh-server openssh-client
)
rootfs="$CACHE_DIR/rootfs"
mkdir -p "$CACHE_DIR/debs"
rm -rf "$rootfs"
echo "debootstrap: downloading and unpacking ${#packages[@]} packages and their dependencies"
debootstrap --variant=minbase --cache-dir="$CACHE_DIR/debs" \
  --include="$(IFS=,; echo "${packages[*]}")" bookworm "$rootfs" "$mirror" |
  grep -E '^I: (Retrieving|Extracting|Installing|Configuring) ' | awk 'NR % 20 == 1' || true
test -x "$rootfs/usr/sbin/dockerd" || { echo "debootstrap did not install dockerd" >&2; exit 1; }

echo "trimming the root file system"
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
install -m 0755 "$here/entrypoint.sh" "$rootfs/usr/local/bin/sandbox-entrypoint"
install -m 0644 "$here/bashrc" "$rootfs/etc/profile.d/playground.sh"
install -m 0644 "$here/motd" "$rootfs/etc/motd"
# Host keys are made at each start (entrypoint.sh): an image's keys would be every sandbox's.
rm -f "$rootfs"/etc/ssh/ssh_host_*
printf '%s\n' 'HostKey /etc/ssh/ssh_host_ed25519_key' 'PasswordAuthentication no' \
  'KbdInteractiveAuthentication no' 'PermitRootLogin prohibit-password' \
  >"$rootfs/etc/ssh/sshd_config.d/playground.conf"
# The daemon as a service, with the systemctl and init script lessons call, Docker Hub's
# stand-in (hub.sh), `docker compose`, and podman in front of the same daemon.
lib="$rootfs/usr/local/lib/playground"
install -D -m 0755 "$here/docker-service.sh" "$lib/docker-service"
install -m 0755 "$here/hub.sh" "$lib/hub"
install -m 0644 "$here/hub-nginx.conf" "$lib/hub-nginx.conf"
install -m 0755 "$here/systemctl.sh" "$rootfs/usr/local/bin/systemctl"
install -m 0755 "$here/journalctl.sh" "$rootfs/usr/local/bin/journalctl"
install -m 0755 "$here/podman.sh" "$rootfs/usr/local/bin/podman"
install -m 0755 "$here/sudo.sh" "$rootfs/usr/local/bin/sudo"
printf '#!/bin/sh\nexec /usr/local/lib/playground/docker-service "$@"\n' >"$rootfs/etc/init.d/docker"
chmod 0755 "$rootfs/etc/init.d/docker"
"$here/compose-v2.sh" "$rootfs" "$CACHE_DIR" "$mirror"
# nginx-light serves only the hub stand-in; its own site and service stay off.
rm -f "$rootfs/etc/nginx/sites-enabled/default"
install -m 0644 "$here/motd.id" "$rootfs/etc/motd.id"
# Debian's docker.io may ship an engine config we do not want inside a sandbox; the
# entrypoint writes one shaped as Killercoda's.
rm -f "$rootfs/etc/docker/daemon.json"
# Scenarios append their registries to podman's configuration; podman here is docker, which
# reads daemon.json instead.
mkdir -p "$rootfs/etc/containers"
printf '%s\n' '# podman in this sandbox runs its containers with Docker: registries go in /etc/docker/daemon.json.' \
  'unqualified-search-registries = ["docker.io"]' >"$rootfs/etc/containers/registries.conf"

echo "importing the image"
tar -C "$rootfs" -c . | docker import \
  -c 'ENTRYPOINT ["/usr/bin/tini", "-g", "--", "/usr/local/bin/sandbox-entrypoint"]' \
  -c 'ENV TERM=xterm-256color LANG=C.UTF-8' \
  -c 'WORKDIR /root' \
  -c 'VOLUME /var/lib/docker' \
  -c 'LABEL org.opencontainers.image.description="docker-playground sandbox: Debian with its own Docker daemon"' \
  - "$IMAGE_TAG" >/dev/null
rm -rf "$rootfs"
echo "built $IMAGE_TAG"

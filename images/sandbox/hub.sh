#!/bin/bash
# Docker Hub's address inside the sandbox. Its names resolve to 127.0.0.1 here (the session
# network has no way out), and dockerd asks Docker Hub itself after the mirror, so what it
# hears from Docker Hub is what `docker pull` prints. This serves that address with a
# certificate made for this sandbox alone, passes every request to the mirror, and answers a
# manifest the mirror lacks with the list of images the playground has, instead of a
# connection error.
#   hub.sh setup   (before dockerd starts: the certificate must be trusted when it reads it)
#   hub.sh start   (nginx; then the list of images, fetched from the mirror)
set -u
DIR=/run/playground-hub
: "${MIRROR:?}"

setup() {
  mkdir -p "$DIR/tmp"
  local names=(registry-1.docker.io index.docker.io docker.io registry.docker.io auth.docker.io)
  local san
  san=$(printf 'DNS:%s,' "${names[@]}")
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/CN=registry-1.docker.io (docker-playground sandbox)" -addext "subjectAltName=${san%,}" \
    -keyout "$DIR/hub.key" -out "$DIR/hub.crt" 2>/dev/null || return 1
  chmod 600 "$DIR/hub.key"
  # Go reads this bundle; the certificate is trusted in this sandbox only.
  cat "$DIR/hub.crt" >>/etc/ssl/certs/ca-certificates.crt
  message "The playground's image list is not loaded yet; try again in a moment."
}

# message TEXT: the registry error every missing manifest gets.
message() {
  jq -cn --arg m "$1" '{errors: [{code: "MANIFEST_UNKNOWN", message: $m, detail: null}]}' >"$DIR/missing.json.tmp" &&
    mv "$DIR/missing.json.tmp" "$DIR/missing.json"
}

# "  nginx: latest, alpine, ..." per repository of the mirror (bounded: 200 repositories).
image_list() {
  local repo tags
  curl -sf -m 5 "http://$MIRROR/v2/_catalog?n=200" | jq -r '.repositories[]?' | while read -r repo; do
    tags=$(curl -sf -m 5 "http://$MIRROR/v2/$repo/tags/list" | jq -r '(.tags // []) | sort | join(", ")')
    [ -n "$tags" ] && printf '  %s: %s\n' "${repo#library/}" "$tags"
  done
}

start() {
  sed "s|@MIRROR@|$MIRROR|g; s|@DIR@|$DIR|g" /usr/local/lib/playground/hub-nginx.conf >"$DIR/nginx.conf"
  nginx -c "$DIR/nginx.conf" || return 1
  local list
  list=$(image_list | sort)
  [ -n "$list" ] || return 0
  message "$(printf '%s\n%s\n%s' \
    "this playground works offline and has no such image. The images it has:" "$list" \
    "(Playground ini bekerja tanpa internet; hanya image di atas yang tersedia.)")"
}

case ${1:-} in
  setup) setup ;;
  start) start ;;
  *) echo "usage: $0 setup|start" >&2; exit 2 ;;
esac

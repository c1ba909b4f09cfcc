#!/usr/bin/env bash
# node: the shared node base (the playground's own Node.js) plus npm, set to work offline,
# and the official image's entrypoint. One small layer on top of node-base.
set -euo pipefail
: "${IMAGE_TAG:?}" "${CACHE_DIR:?}" "${PLAYGROUND_ROOT:?}" "${IMAGE_NODE_BASE:?}"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node_bin=${NODE_BINARY:-$(command -v node)}
npm_dir=$(cd "$(dirname "$(readlink -f "$node_bin")")/../lib/node_modules/npm" 2>/dev/null && pwd) || npm_dir=
ctx="$CACHE_DIR/context"
rm -rf "$ctx"
trap 'rm -rf "$ctx"' EXIT
root="$ctx/root"
mkdir -p "$root/etc" "$root/usr/local/bin" "$root/usr/local/lib/node_modules"
if [[ -n $npm_dir ]]; then
  tar -C "$(dirname "$npm_dir")" --exclude=./npm/docs --exclude=./npm/man -c npm |
    tar -C "$root/usr/local/lib/node_modules" -x
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
fi
# Offline: npm answers from its cache at once instead of retrying a registry for a minute.
printf 'offline=true\nfund=false\naudit=false\nupdate-notifier=false\n' >"$root/usr/local/etc-npmrc"
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "the node image"
# The base has merged /usr: /sbin is a link there, which COPY must not replace.
mkdir -p "$root/usr/sbin" && mv "$root/sbin/apk" "$root/usr/sbin/apk" && rmdir "$root/sbin"
install -m 755 "$here/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"

cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $IMAGE_NODE_BASE
COPY root /
ENV NPM_CONFIG_GLOBALCONFIG=/usr/local/etc-npmrc ENV=/etc/profile
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
LABEL org.opencontainers.image.description="Node.js \$NODE_VERSION with npm (offline), built offline by docker-playground"
DOCKERFILE
out=$(DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE_TAG" "$ctx" 2>&1) || { printf '%s\n' "$out"; exit 1; }
echo "built $IMAGE_TAG"

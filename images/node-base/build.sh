#!/usr/bin/env bash
# The base of every Node.js lesson app: the node binary that runs the playground (NODE_BINARY)
# with its shared libraries, plus a busybox shell. The apps add one small layer on top, so a
# sandbox pulls this layer once for all of them.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"

node_bin=${NODE_BINARY:-$(command -v node)}
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

root="$work/rootfs"
new_rootfs "$root"
add_elf "$root" "" "$node_bin"
if [[ $node_bin != /usr/bin/node ]]; then
  mv "$root$node_bin" "$root/usr/bin/node"
fi
# Debug symbols are a fifth of an unstripped node; drop them when binutils is at hand.
if command -v strip >/dev/null; then
  strip --strip-all "$root/usr/bin/node"
fi
add_busybox "$root"
add_etc "$root" 'node:x:1000:1000:node:/home/node:/bin/sh'
mkdir -p "$root/home/node"
chown 1000:1000 "$root/home/node" 2>/dev/null || true

version=$("$node_bin" --version)
import_rootfs "$root" \
  'CMD ["node"]' \
  "ENV NODE_VERSION=${version#v}" \
  'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  "LABEL org.opencontainers.image.description=\"Node.js $version runtime for the playground's lesson apps\""

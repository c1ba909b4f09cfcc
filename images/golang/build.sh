#!/usr/bin/env bash
# Go from Debian's golang-1.19, standing in for every golang tag lessons use: `go build` of a
# module with no dependencies (a hello-world, a multi-stage Dockerfile's build stage) works
# offline. GOPROXY=off makes a module that needs downloads fail at once, saying why, instead of
# waiting on a network there is not. CGO_ENABLED=0: there is no C compiler here, and Go 1.19
# would not fall back by itself.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

go=go-1.19
fetch_debs "golang-1.19-go" "golang-1.19-src"
extract_debs "$work/staging"
staging="$work/staging"
root="$work/rootfs"
new_rootfs "$root"

# GOROOT as the official image lays it out (/usr/local/go), links resolved, without what no
# build of a learner's module reads: the standard library's tests and test data, the race
# runtime, the toolchain's own sources and compiled packages (the tools are built), docs, misc.
mkdir -p "$root/usr/local/go"
tar -C "$staging/usr/lib/$go" -h --exclude='*_test.go' --exclude=testdata \
  --exclude=./pkg/linux_amd64_race --exclude=./pkg/linux_amd64/cmd --exclude=./src/cmd \
  --exclude=./pkg/tool/linux_amd64/api --exclude=./test --exclude=./doc --exclude=./misc --exclude=./api \
  -c . | tar -C "$root/usr/local/go" -x
# go, pprof and trace load libc; the loader and libraries they need, from the same packages.
add_elf "$root" "$staging" "/usr/lib/$go/bin/go" "/usr/lib/$go/pkg/tool/linux_amd64/pprof"
rm -rf "${root:?}/usr/lib/$go"
mkdir -p "$root/go/bin" "$root/go/src" "$root/usr/local/bin"
chmod 777 "$root/go"

add_busybox "$root"
add_etc "$root"
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "the golang image"

version=$(dpkg-deb -f "$(ls "$DEB_DIR/golang-1.19-go_"*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'WORKDIR /go' \
  'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV GOPATH=/go' \
  'ENV GOROOT=/usr/local/go' \
  'ENV GOPROXY=off' \
  'ENV CGO_ENABLED=0' \
  'ENV ENV=/etc/profile' \
  "ENV GOLANG_VERSION=${version%%-*}" \
  "LABEL org.opencontainers.image.description=\"Go $version from Debian packages (offline: no module downloads), built offline by docker-playground\""

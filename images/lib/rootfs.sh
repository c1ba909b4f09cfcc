# Helpers for recipes that assemble a minimal root file system from Debian packages and
# turn it into an image with `docker import`. Source it from a recipe's build.sh:
#   . "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
# Contract (set by the orchestrator): IMAGE_TAG, CACHE_DIR, PLAYGROUND_ROOT.

set -euo pipefail

: "${IMAGE_TAG:?IMAGE_TAG must be set}"
: "${CACHE_DIR:?CACHE_DIR must be set}"
: "${PLAYGROUND_ROOT:?PLAYGROUND_ROOT must be set}"

DEB_DIR="$CACHE_DIR/debs"
# Downloads go into the cache as the invoking user; apt's _apt sandbox user could not write there.
APT_DOWNLOAD_OPTS=(-qq -o APT::Sandbox::User="$(id -un)")

log() { printf '%s\n' "$*"; }

# A fresh machine may have no package lists yet; fetch them once, only when a lookup fails.
apt_lists_ready() {
  if ! apt-cache show --no-all-versions "$1" >/dev/null 2>&1; then
    log "apt has no data for $1; running apt-get update"
    apt-get update -qq
  fi
}

# Print the given packages plus their recursive dependencies that are shared libraries.
# Only lib* packages are followed: the binaries' ELF closure decides what is copied, so the
# daemons, scripts and data packages that Debian's maintainer scripts need are never fetched.
# DEB_EXCLUDE (an extended regex) drops packages a recipe knows it does not need.
deb_lib_closure() {
  local -A seen=()
  local frontier=("$@") next=() p
  while ((${#frontier[@]})); do
    for p in "${frontier[@]}"; do seen[$p]=1; done
    mapfile -t next < <(
      apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
        --no-enhances "${frontier[@]}" |
        awk '$1 ~ /Depends:$/ && $2 ~ /^lib/ { print $2 }' | sort -u
    )
    frontier=()
    for p in "${next[@]}"; do
      [[ -n ${seen[$p]:-} ]] && continue
      [[ -n ${DEB_EXCLUDE:-} && $p =~ ^(${DEB_EXCLUDE})$ ]] && continue
      frontier+=("$p")
    done
  done
  printf '%s\n' "${!seen[@]}" | sort
}

# fetch_debs PKG...: download PKG and its library closure into the cache. The resolved list is
# remembered, so a rebuild with everything cached needs neither apt's slow lookups nor a network.
fetch_debs() {
  mkdir -p "$DEB_DIR"
  local list="$DEB_DIR/closure-$(printf '%s ' "$@" "${DEB_EXCLUDE:-}" | md5sum | cut -c1-12).txt"
  local missing=() p
  if [[ ! -s $list ]]; then
    apt_lists_ready "$1"
    deb_lib_closure "$@" >"$list.tmp"
    mv "$list.tmp" "$list"
  fi
  while read -r p; do
    compgen -G "$DEB_DIR/${p}_*.deb" >/dev/null || missing+=("$p")
  done <"$list"
  if ((${#missing[@]})); then
    apt_lists_ready "$1"
    log "downloading ${#missing[@]} packages: ${missing[*]}"
    (cd "$DEB_DIR" && apt-get download "${APT_DOWNLOAD_OPTS[@]}" "${missing[@]}")
  fi
}

# extract_debs STAGING: unpack every cached package (newest version of each) into STAGING.
extract_debs() {
  local staging=$1 deb
  mkdir -p "$staging"
  for deb in $(ls "$DEB_DIR"/*.deb | sort -V | awk -F/ '{ split($NF, a, "_"); last[a[1]] = $0 } END { for (p in last) print last[p] }'); do
    dpkg-deb -x "$deb" "$staging"
  done
}

# new_rootfs DIR: an empty merged-/usr layout like Debian 12's, so that libraries copied to
# /lib/... or /usr/lib/... land in the same place the dynamic loader searches.
new_rootfs() {
  local root=$1
  rm -rf "$root"
  mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{etc,tmp,root,var/tmp,proc,sys,dev}
  ln -s usr/bin "$root/bin"
  ln -s usr/sbin "$root/sbin"
  ln -s usr/lib "$root/lib"
  ln -s usr/lib64 "$root/lib64"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  chmod 700 "$root/root"
}

# The loader that matches STAGING's libc (so the closure listing never mixes two glibc builds).
staging_loader() {
  local staging=$1 f
  for f in "$staging"/usr/lib/*-linux-gnu/ld-linux*.so.* "$staging"/lib/*-linux-gnu/ld-linux*.so.*; do
    [[ -f $f && ! -L $f ]] && { printf '%s\n' "$f"; return; }
  done
}

# copy_file SRC DEST: copy dereferencing symlinks, creating parent dirs.
copy_file() {
  mkdir -p "$(dirname "$2")"
  cp -L --preserve=mode "$1" "$2"
}

# add_elf ROOTFS STAGING PATH...: copy each PATH (a path inside the image, looked up in STAGING
# first, then on the host) together with every shared library it loads and its loader.
# STAGING may be empty to take everything from the host.
add_elf() {
  local root=$1 staging=$2 path src loader libpath lib dest interp
  shift 2
  loader=""
  libpath=""
  if [[ -n $staging ]]; then
    loader=$(staging_loader "$staging")
    libpath=$(find "$staging" -type d -name '*-linux-gnu' -path '*/lib/*' -printf '%p:' 2>/dev/null)
  fi
  for path in "$@"; do
    src="$path"
    [[ -n $staging && -e $staging$path ]] && src="$staging$path"
    [[ -e $src ]] || { log "missing file: $path"; return 1; }
    copy_file "$src" "$root$path"
    local listing
    if [[ -n $loader ]]; then
      listing=$("$loader" --library-path "$libpath" --list "$src" 2>&1) || listing=""
    else
      listing=$(ldd "$src" 2>&1) || listing=""
    fi
    if grep -q 'not found' <<<"$listing"; then
      log "unresolved libraries for $path:"
      grep 'not found' <<<"$listing"
      return 1
    fi
    # "name => /path (addr)" lines are libraries; the line starting with a path is the loader.
    while read -r lib; do
      [[ -z $lib ]] && continue
      dest=${lib#"$staging"}
      [[ -e $root$dest ]] || copy_file "$lib" "$root$dest"
    done < <(awk '$1 !~ /^\// && $2 == "=>" && $3 ~ /^\// { print $3 }' <<<"$listing")
    interp=$(awk '$1 ~ /^\// { print $1 }' <<<"$listing" | head -n1)
    if [[ -n $interp && ! -e $root$interp ]]; then
      # The loader must come from the same libc build as libc.so.6 above.
      if [[ -n $loader ]]; then copy_file "$loader" "$root$interp"; else copy_file "$interp" "$root$interp"; fi
    fi
  done
}

# add_busybox ROOTFS: busybox-static plus a symlink per applet, never replacing a real binary.
add_busybox() {
  local root=$1 staging="$CACHE_DIR/busybox-staging" applet
  fetch_debs busybox-static
  if [[ ! -x $staging/bin/busybox ]]; then
    rm -rf "$staging"
    dpkg-deb -x "$(ls "$DEB_DIR"/busybox-static_*.deb | sort -V | tail -n1)" "$staging"
  fi
  copy_file "$staging/bin/busybox" "$root/usr/bin/busybox"
  install -m 755 "$PLAYGROUND_ROOT/images/lib/wget.sh" "$root/usr/bin/wget"
  for applet in $("$root/usr/bin/busybox" --list); do
    [[ -e $root/usr/bin/$applet || -L $root/usr/bin/$applet ]] || ln -s busybox "$root/usr/bin/$applet"
  done
}

# add_etc ROOTFS [PASSWD_LINES...]: the few files name lookups need.
add_etc() {
  local root=$1 line
  shift
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  for line in "$@"; do
    printf '%s\n' "$line" >>"$root/etc/passwd"
    awk -F: '{ printf "%s:x:%s:\n", $1, $4 }' <<<"$line" >>"$root/etc/group"
  done
  printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' \
    >"$root/etc/nsswitch.conf"
}

# import_rootfs ROOTFS [docker import -c changes...]: make the image IMAGE_TAG.
import_rootfs() {
  local root=$1 changes=() c
  shift
  for c in "$@"; do changes+=(-c "$c"); done
  tar -C "$root" --numeric-owner -c . | docker import "${changes[@]}" - "$IMAGE_TAG" >/dev/null
  log "imported $IMAGE_TAG"
}

# amend_image DOCKERFILE_LINE...: add settings `docker import -c` does not accept (STOPSIGNAL,
# HEALTHCHECK) with a metadata-only build on top of IMAGE_TAG; no layer, no pull.
amend_image() {
  local out
  # The classic builder: it uses the local base as is (BuildKit would need buildx).
  out=$({ printf 'FROM %s\n' "$IMAGE_TAG"; printf '%s\n' "$@"; } |
    DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE_TAG" - 2>&1) || { printf '%s\n' "$out"; return 1; }
}

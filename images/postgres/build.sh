#!/usr/bin/env bash
# A real PostgreSQL server from Debian's postgresql-15 and postgresql-client-15, laid out like the
# official image (PGDATA, a first-start entrypoint, the server running as user postgres).
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

major=15
# The JIT (LLVM, ~100 MiB) is never loaded with jit=off, and only it needs these libraries.
DEB_EXCLUDE='libllvm[0-9]+|libz3-[0-9]+'
fetch_debs "postgresql-$major" "postgresql-client-$major" tzdata
extract_debs "$work/staging"
staging="$work/staging"
root="$work/rootfs"
new_rootfs "$root"

bindir=/usr/lib/postgresql/$major/bin
tools=(postgres initdb pg_ctl pg_isready psql pg_dump pg_dumpall pg_restore createdb dropdb
  createuser dropuser pg_controldata pg_resetwal pg_basebackup vacuumdb reindexdb)
add_elf "$root" "$staging" "${tools[@]/#/$bindir/}"
ln -s postgres "$root$bindir/postmaster"

# Server modules (procedural languages, text search, contrib extensions) and their libraries.
libdir=/usr/lib/postgresql/$major/lib
modules=()
for so in "$staging$libdir"/*.so; do
  case $(basename "$so") in llvmjit*) continue ;; esac
  modules+=("${so#"$staging"}")
done
add_elf "$root" "$staging" "${modules[@]}"

sharedir=/usr/share/postgresql/$major
mkdir -p "$root$sharedir"
tar -C "$staging$sharedir" --exclude=./man -c . | tar -C "$root$sharedir" -x
mkdir -p "$root/usr/share/zoneinfo"
tar -C "$staging/usr/share/zoneinfo" --exclude=./right -c . | tar -C "$root/usr/share/zoneinfo" -x

add_busybox "$root"
add_etc "$root" 'postgres:x:999:999:PostgreSQL administrator:/var/lib/postgresql:/bin/sh'
install -D -m 755 "$here/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
install -D -m 755 "$here/locale.sh" "$root/usr/local/bin/locale"
mkdir -p "$root/var/lib/postgresql/data" "$root/var/run/postgresql"
chmod 700 "$root/var/lib/postgresql/data"
chmod 3777 "$root/var/run/postgresql"
chown -R 999:999 "$root/var/lib/postgresql" "$root/var/run/postgresql" 2>/dev/null || true

version=$(dpkg-deb -f "$(ls "$DEB_DIR"/postgresql-${major}_*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'ENTRYPOINT ["docker-entrypoint.sh"]' \
  'CMD ["postgres"]' \
  'EXPOSE 5432' \
  'VOLUME /var/lib/postgresql/data' \
  "ENV PATH=/usr/local/bin:$bindir:/usr/bin:/bin" \
  'ENV PGDATA=/var/lib/postgresql/data' \
  "ENV PG_MAJOR=$major" \
  "LABEL org.opencontainers.image.description=\"PostgreSQL $version from Debian packages (a real server; newer than the tag a lesson names), built offline by docker-playground\""
# A fast shutdown, as in the official image: docker stop's SIGTERM would wait for clients.
amend_image 'STOPSIGNAL SIGINT'

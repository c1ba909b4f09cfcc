#!/usr/bin/env bash
# nginx from Debian's nginx package, laid out like the official image: the welcome page in
# /usr/share/nginx/html served on port 80, the server config in /etc/nginx/conf.d/default.conf,
# templates in /etc/nginx/templates filled from the environment, logs to the container's output;
# curl, which the official image carries and scenarios call from inside it.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

fetch_debs nginx nginx-common gettext-base curl
extract_debs "$work/staging"
staging="$work/staging"
root="$work/rootfs"
new_rootfs "$root"
add_elf "$root" "$staging" /usr/sbin/nginx /usr/bin/envsubst /usr/bin/curl
add_busybox "$root"
add_etc "$root" 'nginx:x:101:101:nginx user:/nonexistent:/bin/false'
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "the nginx image"

mkdir -p "$root/etc/nginx/conf.d" "$root/etc/nginx/templates" "$root/usr/share/nginx/html" \
  "$root/var/log/nginx" "$root/var/cache/nginx" "$root/docker-entrypoint.d"
for f in mime.types fastcgi_params fastcgi.conf scgi_params uwsgi_params; do
  cp "$staging/etc/nginx/$f" "$root/etc/nginx/$f"
done
install -m 644 "$here/nginx.conf" "$root/etc/nginx/nginx.conf"
install -m 644 "$here/default.conf" "$root/etc/nginx/conf.d/default.conf"
install -m 644 "$here/index.html" "$root/usr/share/nginx/html/index.html"
install -m 644 "$here/50x.html" "$root/usr/share/nginx/html/50x.html"
install -m 755 "$here/docker-entrypoint.sh" "$root/docker-entrypoint.sh"
# The log files are the container's output, as in the official image.
ln -sf /dev/stdout "$root/var/log/nginx/access.log"
ln -sf /dev/stderr "$root/var/log/nginx/error.log"
# Debian's build keeps its temporary files under /var/lib/nginx.
mkdir -p "$root/var/lib/nginx"/{body,proxy,fastcgi,uwsgi,scgi} "$root/run"
ln -s ../run "$root/var/run"
chown -R 101:101 "$root/var/cache/nginx" "$root/var/lib/nginx" 2>/dev/null || true

version=$(dpkg-deb -f "$(ls "$DEB_DIR"/nginx_*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'ENTRYPOINT ["/docker-entrypoint.sh"]' \
  'CMD ["nginx", "-g", "daemon off;"]' \
  'EXPOSE 80' \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV ENV=/etc/profile' \
  "ENV NGINX_VERSION=${version%%-*}" \
  "LABEL org.opencontainers.image.description=\"nginx $version from Debian packages, laid out like the official image, built offline by docker-playground\""
# nginx finishes its requests on SIGQUIT; SIGTERM would drop them.
amend_image 'STOPSIGNAL SIGQUIT'

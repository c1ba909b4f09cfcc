#!/bin/sh
# As the official image's entrypoint: when nginx is started, run the scripts in
# /docker-entrypoint.d and fill /etc/nginx/templates/*.template from the environment into
# /etc/nginx/conf.d (NGINX_ENVSUBST_OUTPUT_DIR).
set -e
if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  templates=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
  out=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
  suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
  if [ -d "$templates" ]; then
    # Only the variables the environment defines are replaced; nginx's own $uri etc. stay.
    vars=$(env | cut -d= -f1 | sed 's/^/$/' | tr '\n' ' ')
    find "$templates" -type f -name "*$suffix" | while read -r t; do
      rel=${t#"$templates"/}
      dest="$out/${rel%"$suffix"}"
      mkdir -p "$(dirname "$dest")"
      envsubst "$vars" <"$t" >"$dest"
      echo "$0: Running envsubst on $t to $dest"
    done
  fi
  for f in /docker-entrypoint.d/*; do
    [ -e "$f" ] || continue
    case $f in
      *.sh) [ -x "$f" ] && { echo "$0: Launching $f"; "$f"; } ;;
      *.envsh) [ -x "$f" ] && . "$f" ;;
    esac
  done
  echo "$0: Configuration complete; ready for start up"
fi
exec "$@"

#!/usr/bin/env bash
# Python from Debian's python3.11, with pip, standing in for every python tag lessons use.
# Offline, pip installs only what is here: the packages lessons most often ask for (flask,
# redis, requests) are installed, so `pip install flask redis` says they are satisfied; wheels
# in /usr/local/share/python-wheels (setuptools and wheel, for `pip install .`) are the index.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

py=python3.11
vendored=(python3-flask python3-click python3-itsdangerous python3-jinja2 python3-werkzeug
  python3-markupsafe python3-blinker python3-redis python3-async-timeout python3-deprecated
  python3-wrapt python3-packaging python3-requests python3-certifi python3-charset-normalizer
  python3-idna python3-urllib3 python3-chardet python3-six)
fetch_debs "$py" "$py-minimal" "lib$py-stdlib" "lib$py-minimal" python3-pip-whl \
  python3-setuptools-whl python3-wheel-whl "${vendored[@]}"
extract_debs "$work/staging"
staging="$work/staging"
root="$work/rootfs"
new_rootfs "$root"

add_elf "$root" "$staging" "/usr/bin/$py"
# The standard library without its tests and the GUI and 2to3 tools no lesson runs.
mkdir -p "$root/usr/lib/$py"
tar -C "$staging/usr/lib/$py" --exclude=./test --exclude='./*/test' --exclude='./*/tests' \
  --exclude=./idlelib --exclude=./tkinter --exclude=./turtledemo --exclude=./lib2to3 \
  --exclude=./ensurepip --exclude=./EXTERNALLY-MANAGED -c . | tar -C "$root/usr/lib/$py" -x
mapfile -t modules < <(cd "$staging" && find "usr/lib/$py/lib-dynload" "usr/lib/python3/dist-packages" -name '*.so' -printf '/%p\n')
add_elf "$root" "$staging" "${modules[@]}"
mkdir -p "$root/usr/lib/python3"
tar -C "$staging/usr/lib/python3" -c dist-packages | tar -C "$root/usr/lib/python3" -x
# pip itself, from Debian's self-contained pip wheel, where pip installs packages.
site="$root/usr/local/lib/$py/dist-packages"
mkdir -p "$site" "$root/usr/local/share/python-wheels" "$root/usr/local/bin"
python3 -m zipfile -e "$(ls "$staging"/usr/share/python-wheels/pip-*.whl | head -n1)" "$site"
cp "$staging"/usr/share/python-wheels/{setuptools,wheel}-*.whl "$root/usr/local/share/python-wheels/"
install -m 644 "$here/pip.conf" "$root/etc/pip.conf"
install -m 755 "$here/pip.sh" "$root/usr/local/bin/pip"
for name in pip3 "pip${py#python}"; do ln -s pip "$root/usr/local/bin/$name"; done
for name in python python3; do ln -s "$py" "$root/usr/bin/$name"; ln -s "/usr/bin/$py" "$root/usr/local/bin/$name"; done
mkdir -p "$root/usr/share/ca-certificates"

add_busybox "$root"
add_etc "$root"
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "the python image"

version=$(dpkg-deb -f "$(ls "$DEB_DIR/${py}-minimal_"*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'CMD ["python3"]' \
  'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV LANG=C.UTF-8' \
  'ENV ENV=/etc/profile' \
  "ENV PYTHON_VERSION=${version%%-*}" \
  "LABEL org.opencontainers.image.description=\"Python $version with pip from Debian packages (offline: pip installs only what is vendored), built offline by docker-playground\""

#!/usr/bin/env bash
# Runs one of the README's commands on a fresh Debian 12 and measures it: a minimal
# Debian 12 (debootstrap --variant=minbase) in DIR, a `git archive` of REV at
# DIR/work/stationplan (with SHARED, default ../shared of the checkout, beside it as
# /work/shared when there is one: the OR-Library files some tests read), the
# command run there as root in an empty environment with /proc, /sys, /dev and
# /dev/shm mounted (in a mount namespace of its own), and then wall time, disk growth
# (du -sxm) and package counts (dpkg-query) printed. Run as root on a Debian or Ubuntu
# host with debootstrap (apt-get install debootstrap); DIR is removed first.
#
#   scripts/fresh-debian.sh DIR REV COMMAND...
#   scripts/fresh-debian.sh /work/chroot-main HEAD bash scripts/sample.sh
#   scripts/fresh-debian.sh /work/chroot-tests HEAD bash scripts/test.sh
#
# MIRROR (default http://deb.debian.org/debian) is the Debian mirror. A host that
# reaches the npm registry through a TLS-inspecting proxy trusts its CA with
# NODE_EXTRA_CA_CERTS; that file is copied in and set the same way (nothing else of
# the host's environment is).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: fresh-debian.sh DIR REV COMMAND..." >&2; exit 2; }
dir=$1 rev=$2; shift 2
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run as root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh-debian: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
case "$dir" in /*) ;; *) dir=$PWD/$dir ;; esac
case "$dir/" in "$src"/*) echo "fresh-debian: DIR must be outside the source tree" >&2; exit 2 ;; esac

rm -rf "$dir"
debootstrap --variant=minbase bookworm "$dir" "$mirror" >/dev/null
# As a Debian 12 image comes: updates and security suites, no package lists, no .debs.
rm -f "$dir/etc/apt/sources.list"
cat > "$dir/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
rm -rf "$dir/var/cache/apt/archives/"*.deb "$dir/var/lib/apt/lists/"*
mkdir -p "$dir/var/lib/apt/lists/partial"
cp /etc/resolv.conf "$dir/etc/resolv.conf"

mkdir -p "$dir/work/stationplan"
git -C "$src" archive "$rev" | tar -x -C "$dir/work/stationplan"
shared=${SHARED:-$src/../shared}
[ ! -d "$shared" ] || cp -a "$shared" "$dir/work/shared"
env_vars=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" "$dir/work/extra-ca.crt"
  env_vars+=(NODE_EXTRA_CA_CERTS=/work/extra-ca.crt)
fi

echo "fresh-debian: $(git -C "$src" rev-parse --short "$rev"), command: $*"
echo "fresh-debian: $(date -u +%FT%TZ), $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
du0=$(du -sxm "$dir" | cut -f1)
pk0=$(chroot "$dir" dpkg-query -W | wc -l)
echo "fresh-debian: before: $du0 MiB, $pk0 packages"
start=$(date +%s)
status=0
unshare --mount --propagation private bash -c '
  dir=$1; shift
  mount -t proc proc "$dir/proc"
  mount -t sysfs sys "$dir/sys"
  mount --rbind /dev "$dir/dev"
  mount -t tmpfs -o size=2g shm "$dir/dev/shm"
  cd / && exec chroot "$dir" /usr/bin/env -i "$@"
' _ "$dir" "${env_vars[@]}" bash -c 'cd /work/stationplan && exec "$@"' _ "$@" </dev/null || status=$?
wall=$(( $(date +%s) - start ))
du1=$(du -sxm "$dir" | cut -f1)
pk1=$(chroot "$dir" dpkg-query -W | wc -l)
debs=$(du -sxm "$dir/var/cache/apt/archives" | cut -f1)
echo "fresh-debian: exit status $status, wall ${wall} s"
echo "fresh-debian: after: $du1 MiB (+$((du1 - du0)), of which $debs MiB downloaded .debs), $pk1 packages (+$((pk1 - pk0)))"
for p in chromium fonts-noto-cjk nodejs npm libgtest-dev libbenchmark-dev gdal-bin poppler-utils postgresql-15 postgresql-15-postgis-3 python3-qgis; do
  chroot "$dir" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && s=installed || s=absent
  echo "fresh-debian:   $p $s"
done
exit "$status"

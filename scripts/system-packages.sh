#!/usr/bin/env bash
# Installs the Debian 12 packages the portal needs. As root: apt-get installs what is missing.
# As another user: prints the one exact command to run and exits non-zero (we never sudo silently).
# `scripts/system-packages.sh app` installs only what the web and worker processes need: the container
# image (Dockerfile) and an application machine whose database runs elsewhere.
set -euo pipefail

APP=(
  libgdal32 libgeos-c1v5 libproj25        # GeoDjango loads these through ctypes; no -dev packages needed
  mapserver-bin cgi-mapserver             # MapServer 8 draws the basemap (MapProxy runs mapserv)
  ca-certificates                         # the trust store for TLS to the DSO knooppunt and mail relay
  python3-venv
)
PACKAGES=(
  "${APP[@]}"
  postgresql-15 postgresql-15-postgis-3   # the database and PostGIS 3
  gdal-bin                                # ogr2ogr/ogrinfo: the benchmark's reference loader, MVT decoding
  chromium                                # browser and accessibility tests (Playwright drives it)
  time                                    # /usr/bin/time: a command's own peak memory in the benchmarks
  openssl                                 # certificates for the mutual-TLS test of the DSO client
)
case "${1:-alles}" in
  app) PACKAGES=("${APP[@]}") ;;
  alles) ;;
  *) echo "gebruik: $0 [alles|app]" >&2; exit 2 ;;
esac

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A python3 with venv support is what we really need; pyenv/other builds bring their own.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Er ontbreken systeempakketten. Installeer ze met:" >&2
  echo "sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Systeempakketten installeren: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Starts the portal and the background worker together; Ctrl-C stops both.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ADDR=${LOKET_ADDR:-127.0.0.1:8000}

$PY manage.py procrastinate worker &
worker=$!
$PY manage.py runserver --noreload "$ADDR" &
web=$!

stop() {
  trap '' INT TERM
  kill "$worker" "$web" 2>/dev/null
  wait "$worker" "$web" 2>/dev/null
  echo
  echo "Portaal en worker gestopt."
  exit "${1:-0}"
}
interrupted=0
trap 'interrupted=1' INT TERM
echo "Portaal: http://$ADDR  (Ctrl-C stopt portaal en worker)"
# Whichever stops first, the other goes down with it. Ctrl-C reaches the whole process group, so the
# children may exit (130/143) before our trap runs: that is a normal stop, anything else a failure.
wait -n "$worker" "$web"
rc=$?
if ((interrupted || rc == 130 || rc == 143 || rc == 0)); then stop 0; else stop "$rc"; fi

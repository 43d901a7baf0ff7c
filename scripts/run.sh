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
  trap - INT TERM
  kill "$worker" "$web" 2>/dev/null
  wait "$worker" "$web" 2>/dev/null
  echo
  echo "Portaal en worker gestopt."
  exit "${1:-0}"
}
trap 'stop 0' INT TERM
echo "Portaal: http://$ADDR  (Ctrl-C stopt portaal en worker)"
# Whichever stops first (a crash), the other goes down with it, and make sees the failure.
wait -n "$worker" "$web"
stop 1

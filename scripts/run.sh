#!/usr/bin/env bash
# Starts the portal and the background worker together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ADDR=${LOKET_ADDR:-127.0.0.1:8000}

$PY manage.py procrastinate worker &
worker=$!
$PY manage.py runserver --noreload "$ADDR" &
web=$!
trap 'kill $worker $web 2>/dev/null; wait $worker $web 2>/dev/null; echo; echo "Portaal en worker gestopt."' INT TERM EXIT
echo "Portaal: http://$ADDR  (Ctrl-C stopt portaal en worker)"
# Whichever stops first (a crash, or Ctrl-C), the other goes down with it.
wait -n $worker $web

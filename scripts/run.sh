#!/usr/bin/env bash
# Starts the portal, the background worker and the DSO mock knooppunt together; Ctrl-C stops all.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ADDR=${LOKET_ADDR:-127.0.0.1:8000}
# The mock DSO knooppunt the adapter talks to (DSO_MOCK=0: none, e.g. when DSO_BASIS_URL is the real one).
MOCK_PORT=${DSO_MOCK_PORT:-8001}

$PY manage.py procrastinate worker &
worker=$!
$PY manage.py runserver --noreload "$ADDR" &
web=$!
pids=("$worker" "$web")
if [[ "${DSO_MOCK:-1}" != 0 ]]; then
  mkdir -p var
  $PY -m dev.dso_mock --host 127.0.0.1 --port "$MOCK_PORT" --opslag var/dso-mock.json \
    --webhook "http://$ADDR/dso/verzoeknotificatie" &
  pids+=("$!")
fi

stop() {
  trap '' INT TERM
  kill "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null
  echo
  echo "Portaal, worker en DSO-mock gestopt."
  exit "${1:-0}"
}
interrupted=0
trap 'interrupted=1' INT TERM
echo "Portaal: http://$ADDR  (Ctrl-C stopt portaal, worker en DSO-mock)"
# Whichever stops first, the others go down with it. Ctrl-C reaches the whole process group, so the
# children may exit (130/143) before our trap runs: that is a normal stop, anything else a failure.
wait -n "${pids[@]}"
rc=$?
if ((interrupted || rc == 130 || rc == 143 || rc == 0)); then stop 0; else stop "$rc"; fi

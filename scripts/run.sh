#!/usr/bin/env bash
# Starts the portal (granian, config/webserver.py), the background worker and the DSO mock knooppunt
# together; Ctrl-C stops all. The portal is the anchor: when it stops, everything stops. The worker and the
# mock are restarted when they exit, so a crashed job runner never takes the portal down (and is back within
# seconds). Inside the portal granian starts a web worker again that died.
# LOKET_DEV_SERVER=1 serves with Django's runserver instead (`make run-dev`: reloads on code changes).
# Otherwise DEBUG is off, as in production, unless DEBUG=true is set (docs/configuration.md, "Static files").
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export LOKET_ADDR=${LOKET_ADDR:-127.0.0.1:8000}
# The mock DSO knooppunt the adapter talks to (DSO_MOCK=0: none, e.g. when DSO_BASIS_URL is the real one).
MOCK_PORT=${DSO_MOCK_PORT:-8001}
# Where each supervised process writes its current pid (tests and operators read them).
RUN_DIR=${LOKET_RUN_DIR:-var/run}
HERSTART_PAUZE=${LOKET_HERSTART_PAUZE:-2}
STOP_WACHTTIJD=${LOKET_STOP_WACHTTIJD:-5}
mkdir -p "$RUN_DIR" var

if [[ "${LOKET_DEV_SERVER:-0}" != 1 ]]; then
  export DEBUG=${DEBUG:-false}
  # With DEBUG off the portal serves the collected files and links their hashed names. Only what changed
  # since the last start is copied and compressed again (config/statisch.py): 2–3 s on a second start.
  $PY manage.py collectstatic --noinput -v 0 || exit
fi

# On stop a supervised process gets SIGTERM and STOP_WACHTTIJD seconds to end (the job worker first
# finishes the jobs it is running), then SIGKILL: Ctrl-C never waits on a long job. A job cut off that
# way is run again by kern.vastgelopen_taken once its worker's heartbeat is missed.
stop_kind() {
  kill "$kind" 2>/dev/null
  { sleep "$STOP_WACHTTIJD"; kill -KILL "$kind" 2>/dev/null; } &
  local wachter=$!
  wait "$kind" 2>/dev/null
  kill "$wachter" 2>/dev/null
}

# Runs a command again whenever it exits, until we stop; pauses between starts so a process that cannot
# start at all does not spin.
bewaak() {
  local naam=$1
  shift
  trap 'stop_kind; exit 0' TERM INT
  while true; do
    "$@" &
    kind=$!
    echo "$kind" >"$RUN_DIR/$naam.pid"
    wait "$kind"
    echo "$naam stopte (code $?); opnieuw starten over ${HERSTART_PAUZE}s" >&2
    sleep "$HERSTART_PAUZE" &
    wait $!
  done
}

bewaak worker $PY manage.py procrastinate worker &
pids=("$!")
if [[ "${DSO_MOCK:-1}" != 0 ]]; then
  bewaak dso-mock $PY -m dev.dso_mock --host 127.0.0.1 --port "$MOCK_PORT" --opslag var/dso-mock.json \
    --webhook "http://$LOKET_ADDR/dso/verzoeknotificatie" &
  pids+=("$!")
fi
if [[ "${LOKET_DEV_SERVER:-0}" == 1 ]]; then
  # runserver logs every request itself.
  WEB_ACCESS_LOG=0 $PY manage.py runserver "$LOKET_ADDR" &
else
  # In a process group of its own, so that Ctrl-C in the terminal reaches this script and not granian's
  # worker processes: the script stops granian with SIGTERM (stop below), which stops its workers in a
  # fraction of a second. Workers that got the terminal's SIGINT themselves (with two or more of them)
  # refused to stop and were killed after granian's 30 s.
  setsid $PY -m config.webserver &
fi
web=$!
echo "$web" >"$RUN_DIR/web.pid"

stop() {
  trap '' INT TERM
  kill "$web" "${pids[@]}" 2>/dev/null
  wait "$web" "${pids[@]}" 2>/dev/null
  echo
  echo "Portaal, worker en DSO-mock gestopt."
  exit "${1:-0}"
}
interrupted=0
trap 'interrupted=1' INT TERM
echo "Portaal: http://$LOKET_ADDR  (Ctrl-C stopt portaal, worker en DSO-mock)"
# Ctrl-C reaches the whole process group, so the server may exit (130/143) before our trap runs: that
# is a normal stop, anything else a failure.
wait "$web"
rc=$?
if ((interrupted || rc == 130 || rc == 143 || rc == 0)); then stop 0; else stop "$rc"; fi

#!/usr/bin/env bash
# The project-local PostgreSQL cluster: `pg.sh up` (init once, start, create the database),
# `pg.sh stop`, `pg.sh socketdir`. Unused when DATABASE_URL is set.
# `pg.sh replica-up` / `replica-stop` / `replica-remove`: a streaming replica of it for development
# (pg_basebackup into a second cluster next to it, port LOKET_PG_REPLICA_PORT, default port + 1).
#
# initdb refuses to run as root, so as root the cluster belongs to the postgres user. That user
# cannot reach into a checkout under a private directory (CI clones into mktemp -d), so as root the
# cluster lives in /var/tmp, one folder per checkout; as any other user it lives in ./var.
set -euo pipefail

cd "$(dirname "$0")/.."
PGBIN=/usr/lib/postgresql/15/bin
PORT=${LOKET_PG_PORT:-54329}
DBNAME=loket

if [[ $(id -u) -eq 0 ]]; then
  base=/var/tmp/omgevingsloket-$(printf '%s' "$PWD" | sha1sum | cut -c1-12)
  RUN=(runuser -u postgres --)
else
  base=$PWD/var/pg
  RUN=()
fi
PGDATA=$base/data
SOCKDIR=$base/run
REPLICA=$base/${LOKET_PG_REPLICA_NAAM:-replica}
REPLICA_PORT=${LOKET_PG_REPLICA_PORT:-$((PORT + 1))}
# The postgres user may not be allowed into the checkout; run everything from a neutral directory.
cd /

mkdirs() {
  if [[ $(id -u) -eq 0 ]]; then
    install -d -o postgres -g postgres -m 755 "$base"
    install -d -o postgres -g postgres -m 700 "$PGDATA"
    install -d -o postgres -g postgres -m 755 "$SOCKDIR"
  else
    mkdir -p "$PGDATA" "$SOCKDIR"
    chmod 700 "$PGDATA"
  fi
}

psql_() { "${RUN[@]}" "$PGBIN/psql" -h "$SOCKDIR" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

case "${1:-}" in
  up)
    [[ -x $PGBIN/initdb ]] || { echo "PostgreSQL 15 ontbreekt ($PGBIN/initdb); draai eerst: make system" >&2; exit 1; }
    mkdirs
    if [[ ! -f $PGDATA/PG_VERSION ]]; then
      echo "Lokaal PostgreSQL-cluster aanmaken in $PGDATA"
      "${RUN[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      # Unix socket only (no TCP): two checkouts can run side by side with the same port number.
      "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
        -o "-p $PORT -k $SOCKDIR -c listen_addresses=''" start >/dev/null
      echo "PostgreSQL draait (socket $SOCKDIR, poort $PORT)"
    fi
    if [[ -z $(psql_ -d postgres -c "select 1 from pg_database where datname='$DBNAME'") ]]; then
      psql_ -d postgres -c "create database $DBNAME"
    fi
    psql_ -d "$DBNAME" -c "set client_min_messages = warning" \
      -c "create extension if not exists postgis" -c "create extension if not exists pg_trgm"
    ;;
  stop)
    if [[ -f $PGDATA/PG_VERSION ]] && "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null
      echo "PostgreSQL gestopt"
    else
      echo "PostgreSQL draaide niet"
    fi
    ;;
  socketdir)
    echo "$SOCKDIR"
    ;;
  replica-up)
    # A hot standby streaming from the project-local cluster; `-R` writes its primary_conninfo.
    if [[ ! -f $REPLICA/data/PG_VERSION ]]; then
      if [[ $(id -u) -eq 0 ]]; then install -d -o postgres -g postgres -m 700 "$REPLICA"; else mkdir -p -m 700 "$REPLICA"; fi
      "${RUN[@]}" "$PGBIN/pg_basebackup" -h "$SOCKDIR" -p "$PORT" -U postgres -D "$REPLICA/data" -R -X stream -c fast
      "${RUN[@]}" mkdir -p "$REPLICA/run"
    fi
    if ! "${RUN[@]}" "$PGBIN/pg_ctl" -D "$REPLICA/data" status >/dev/null 2>&1; then
      "${RUN[@]}" "$PGBIN/pg_ctl" -D "$REPLICA/data" -l "$REPLICA/server.log" -w \
        -o "-p $REPLICA_PORT -k $REPLICA/run -c listen_addresses='' -c hot_standby=on" start >/dev/null
      echo "Replica draait (socket $REPLICA/run, poort $REPLICA_PORT); LOKET_PG_REPLICA=1 laat het portaal ervan lezen"
    fi
    ;;
  replica-stop)
    if [[ -f $REPLICA/data/PG_VERSION ]] && "${RUN[@]}" "$PGBIN/pg_ctl" -D "$REPLICA/data" status >/dev/null 2>&1; then
      "${RUN[@]}" "$PGBIN/pg_ctl" -D "$REPLICA/data" -m fast stop >/dev/null
      echo "Replica gestopt"
    fi
    ;;
  replica-remove)
    if [[ -f $REPLICA/data/PG_VERSION ]] && "${RUN[@]}" "$PGBIN/pg_ctl" -D "$REPLICA/data" status >/dev/null 2>&1; then
      "${RUN[@]}" "$PGBIN/pg_ctl" -D "$REPLICA/data" -m immediate stop >/dev/null
    fi
    rm -rf "$REPLICA"
    ;;
  *)
    echo "gebruik: $0 up|stop|socketdir|replica-up|replica-stop|replica-remove" >&2
    exit 2
    ;;
esac

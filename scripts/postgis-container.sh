#!/usr/bin/env bash
# Entry point of Dockerfile.postgis. An empty data directory becomes, on first start:
# - the primary (default): a cluster with POSTGRES_USER as owner of POSTGRES_DB (a superuser, as in the
#   postgis/postgis image, so migrations may create extensions), password POSTGRES_PASSWORD, PostGIS,
#   and password logins from other containers, replication included;
# - a hot standby of PRIMAIR (host name) when that is set: pg_basebackup as POSTGRES_USER, then streaming.
# Arguments go to postgres (e.g. `-c wal_level=replica`).
set -euo pipefail
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD ontbreekt}"

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -n "${PRIMAIR:-}" ]]; then
    # The primary may still be starting: try for a minute.
    for _ in $(seq 30); do
      PGPASSWORD=$POSTGRES_PASSWORD pg_basebackup -h "$PRIMAIR" -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -c fast && break
      rm -rf "${PGDATA:?}"/*
      sleep 2
    done
    [[ -s "$PGDATA/PG_VERSION" ]] || { echo "pg_basebackup van $PRIMAIR lukte niet" >&2; exit 1; }
    chmod 700 "$PGDATA"
  else
    initdb -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") -E UTF8 --locale=C.UTF-8 >/dev/null
    printf '%s\n' "host all all all scram-sha-256" "host replication all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    psql -v ON_ERROR_STOP=1 -q -d postgres -v gebruiker="$POSTGRES_USER" -v wachtwoord="$POSTGRES_PASSWORD" \
      -v db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER PASSWORD %L', :'gebruiker', :'wachtwoord')
  WHERE :'gebruiker' <> 'postgres' \gexec
SELECT format('ALTER ROLE postgres PASSWORD %L', :'wachtwoord') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'gebruiker') WHERE :'db' <> 'postgres' \gexec
\c :db
CREATE EXTENSION IF NOT EXISTS postgis;
SQL
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"

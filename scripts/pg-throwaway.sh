#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: start prints the URL to export as
# CLAIMS_TEST_PG; stop removes the cluster. Installs Debian's postgresql when missing.
#   eval "$(scripts/pg-throwaway.sh start)"   ...   scripts/pg-throwaway.sh stop
set -euo pipefail
DIR=${CLAIMS_PG_DIR:-/tmp/claims-pg}
PORT=${CLAIMS_PG_PORT:-54329}
bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$d" ]; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$d"
}
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-}" in
  start)
    B=$(bin)
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg "'$B/initdb' -D '$DIR/data' -U claims --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    as_pg "'$B/pg_ctl' -D '$DIR/data' -l '$DIR/log' -w -o \"-k '$DIR' -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
    echo "export CLAIMS_TEST_PG=postgresql+psycopg://claims@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    B=$(bin)
    [ -d "$DIR/data" ] && as_pg "'$B/pg_ctl' -D '$DIR/data' -m immediate -w stop >/dev/null" || true
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

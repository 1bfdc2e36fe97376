#!/usr/bin/env bash
# Run the PostgreSQL store tests against a throwaway server: initdb in a temporary directory, start
# it on loopback (a free port, its unix socket in that directory), set PARALLAX_TEST_PG, run the
# tests, then stop the server and remove the directory, whatever the tests did. PARALLAX_TEST_PG_CTL
# lets a test stop and start the server (the queue's restart test).
#
# Usage: scripts/pg-test.sh [extra vitest arguments]        (npm run test:postgres)
#        scripts/pg-test.sh --shell                         (start a server and open a shell with
#                                                            PARALLAX_TEST_PG set, for development)
# Needs the PostgreSQL server binaries (Debian: apt-get install postgresql). PG_BIN overrides where
# they are looked for. As root the server runs as the `postgres` user (it refuses to run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$PG_BIN" ] && command -v pg_ctl >/dev/null 2>&1; then PG_BIN=$(dirname "$(command -v pg_ctl)"); fi
fi
if [ -z "${PG_BIN:-}" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "pg-test: no PostgreSQL server binaries found (install the postgresql package or set PG_BIN)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/parallax-pg.XXXXXX")
as_server=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-test: running as root but there is no 'postgres' user to run the server as" >&2
    rm -rf "$dir"
    exit 1
  fi
  chown postgres "$dir"
  chmod 700 "$dir"
  as_server=(runuser -u postgres --)
fi

cleanup() {
  "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$dir/pw"
chmod 644 "$dir/pw"
# Local (socket) connections trusted, TCP ones by password: the tests connect over TCP, so the
# password really is checked and must never show in messages.
"${as_server[@]}" "$PG_BIN/initdb" -D "$dir/data" -U parallax --pwfile="$dir/pw" -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
rm -f "$dir/pw"

start() {
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null
}
# A port found free can be taken before the server binds it: try a few.
started=0
for _ in 1 2 3 4 5; do
  if start; then started=1; break; fi
done
if [ "$started" != 1 ]; then
  cat "$dir/server.log" >&2 || true
  echo "pg-test: the server did not start" >&2
  exit 1
fi

export PARALLAX_TEST_PG="postgres://parallax:${password}@127.0.0.1:${port}/postgres"
# For fault tests: a pg_ctl command line for this server, to which a test appends `stop -m fast`,
# `start` or `restart` (run it with `sh -c`); the server keeps its port and options.
export PARALLAX_TEST_PG_CTL="${as_server[*]} $PG_BIN/pg_ctl -D $dir/data -l $dir/server.log -w -t 60 -o '-h 127.0.0.1 -p $port -k $dir -c max_connections=200'"
echo "pg-test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:${port} (data in $dir)"

if [ "${1:-}" = "--shell" ]; then
  "${SHELL:-bash}" || true
  exit 0
fi

set +e
npx vitest run test/store/postgres test/queue test/cli/concurrent-ingest.test.ts --exclude test/queue/restart.test.ts "$@"
status=$?
# The restart test stops the server: it runs alone, after the others (only in a full run).
restart_status=0
if [ $# = 0 ]; then
  npx vitest run test/queue/restart.test.ts
  restart_status=$?
fi
set -e
if [ "$status" = 0 ]; then status=$restart_status; fi
exit "$status"

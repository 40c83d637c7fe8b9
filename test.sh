#!/usr/bin/env bash
# Runs every test suite: unit, integration (SQLite and a throwaway PostgreSQL) and browser (Chromium).
# Installs what is missing from Debian's packages. Ends with the line `N passed, M failed`.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v chromium >/dev/null || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || need+=(fonts-wqy-microhei)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || { echo "test.sh: apt-get install failed"; exit 1; }
fi

step() { echo "== $* ($(date +%T))"; }

# Client-side libraries (echarts) from the lockfile; the Web build copies them into wwwroot/lib.
if [ ! -d src/Doudi.Web/node_modules/echarts ]; then
  step "npm ci (src/Doudi.Web)"
  (cd src/Doudi.Web && npm ci --no-fund --no-audit >/dev/null) || { echo "test.sh: npm ci failed"; exit 1; }
fi

step restore
dotnet restore Doudi.slnx -nologo -v q || exit 1
step build
dotnet build Doudi.slnx --no-restore -nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
step format
dotnet format Doudi.slnx --verify-no-changes --no-restore -v q || { echo "test.sh: dotnet format found changes (run: dotnet format Doudi.slnx)"; echo "0 passed, 1 failed"; exit 1; }

# A throwaway PostgreSQL cluster on a free port, stopped on exit.
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGROOT="$(mktemp -d /tmp/doudi-pg.XXXXXX)"
PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
chown postgres:postgres "$PGROOT"
# The suites' temporary files (databases, feed stores, demo regions, browser profiles) go to one folder removed on exit.
TESTTMP="$(mktemp -d /tmp/doudi-tests.XXXXXX)"
stop_pg() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGROOT" "$TESTTMP"; }
trap stop_pg EXIT
step "postgres on port $PGPORT"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null || exit 1
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 60 \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c max_connections=200" start >/dev/null || { cat "$PGROOT/log"; exit 1; }
export DOUDI_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Include Error Detail=true"
export DOUDI_ARTIFACTS="${DOUDI_ARTIFACTS:-$root/artifacts}"
mkdir -p "$DOUDI_ARTIFACTS"

passed=0; failed=0; broken=0
for suite in tests/Doudi.Tests tests/Doudi.IntegrationTests tests/Doudi.BrowserTests; do
  step "test $suite"
  log="$(mktemp)"
  TMPDIR="$TESTTMP" dotnet test "$suite" --no-build -nologo 2>&1 | tee "$log" | grep -E "^\s*(Failed|Passed!|Failed!|Error Message|  Stack)|error" | head -200
  line="$(grep -E "(Passed|Failed)!\s+-\s+Failed:" "$log" | tail -1)"
  if [ -z "$line" ]; then echo "test.sh: $suite produced no summary"; tail -30 "$log"; broken=1; fi
  p=$(sed -nE 's/.*Passed:\s+([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed:\s+([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  rm -f "$log"
done
[ "$broken" -eq 1 ] && failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# usage: [FEEDS=files] pipeline.sh N DIR  — demo generate, registry import, every feed, both engines (the SQL baseline on a copy
# taken before the first run, so both engines raise the run's alerts; stopped after SQL_TIMEOUT seconds, default 600)
set -u  # demo generate → registry import → every feed → monitor run (main, then SQL baseline)
N=$1; D=$2; cd "$(dirname "$0")/.."
rm -rf $D; mkdir -p $D
/usr/bin/time -f "generate %e s" ./doudi demo generate --households $N --out $D --month 2024-05 >/dev/null
wc -l $D/*.csv | tail -1
/usr/bin/time -f "registry %e s" ./doudi registry import --database $D/d.db --households $D/households.csv --members $D/members.csv | tail -1
if [ "${FEEDS:-dir}" = files ]; then   # FEEDS=files: one process per file, as measured before `--dir`
  for t in death vehicle property business medical disability employment pension unemployment detention poverty_watch financial official_kin; do
    echo -n "$t: "; ./doudi feeds import --database $D/d.db --type $t --file $D/$t.csv 2>&1 | tail -1
  done
else   # the 13 files in one process, the next file checked while this one is stored
  /usr/bin/time -f "feeds %e s, %U+%S s CPU, %M KB max resident" ./doudi feeds import --database $D/d.db --dir $D 2>&1 | grep -v '^skipped'
fi
cp $D/d.db $D/before-monitoring.db   # the SQL baseline starts from the same state as the main engine
/usr/bin/time -f "monitor main %e s, %M KB max resident" ./doudi monitor run --database $D/d.db --month 2024-05 --run-date 2024-06-03 --timings
/usr/bin/time -f "monitor main again %e s, %M KB max resident" ./doudi monitor run --database $D/d.db --month 2024-05 --run-date 2024-06-03 | tail -1
cp $D/d.feeds.duckdb $D/before-monitoring.feeds.duckdb; cp -r $D/d.feeds.batches $D/before-monitoring.feeds.batches
/usr/bin/time -f "monitor sql %e s, %M KB max resident" timeout ${SQL_TIMEOUT:-600} ./doudi monitor run --database $D/before-monitoring.db --month 2024-05 --run-date 2024-06-03 --engine sql | tail -1
du -sh $D/d.db $D/d.feeds.duckdb $D/d.feeds.batches

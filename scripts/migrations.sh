#!/usr/bin/env bash
# Adds a migration for both providers: scripts/migrations.sh add NAME
# Until the first release, `scripts/migrations.sh reset` regenerates the single Initial migration instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
proj=src/Doudi.Modules
case "${1:-}" in
  add)
    name=${2:?name}
    dotnet ef migrations add "$name" --project $proj --context SqliteDoudiDb --output-dir Persistence/Migrations/Sqlite
    dotnet ef migrations add "$name" --project $proj --context PostgresDoudiDb --output-dir Persistence/Migrations/Postgres
    ;;
  reset)
    rm -rf $proj/Persistence/Migrations
    dotnet ef migrations add Initial --project $proj --context SqliteDoudiDb --output-dir Persistence/Migrations/Sqlite
    dotnet ef migrations add Initial --project $proj --context PostgresDoudiDb --output-dir Persistence/Migrations/Postgres
    ;;
  *) echo "usage: $0 add NAME | reset" >&2; exit 2 ;;
esac

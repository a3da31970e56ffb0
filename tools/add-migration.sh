#!/usr/bin/env bash
# Adds the EF Core migration <Name> to every service whose PostgreSQL model changed since its last migration,
# in services/<service>/Data/Migrations; a service whose model did not change gets none. Run after merging model
# changes, review the generated Up/Down, then commit them with the model change.
#   tools/add-migration.sh AddCalendarYears
set -euo pipefail
name=${1:?usage: tools/add-migration.sh <MigrationName> (PascalCase, e.g. AddCalendarYears)}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

# every service with a design-time factory (services/<service>/Data/<Service>DesignTimeFactory.cs) has migrations;
# Platform.ServiceDefaults holds only their base class
for factory in services/*/Data/*DesignTimeFactory.cs; do
  [[ $factory == services/Platform.ServiceDefaults/* ]] && continue
  project=$(ls "$(dirname "$(dirname "$factory")")"/*.csproj)
  dotnet build "$project" -nologo -v quiet >/dev/null
  if check=$(dotnet ef migrations has-pending-model-changes --project "$project" --no-build 2>&1); then
    echo "$project: model unchanged, no migration"
    continue
  fi
  if ! grep -q "Changes have been made to the model" <<<"$check"; then
    echo "$check" >&2
    exit 1
  fi
  dotnet ef migrations add "$name" --project "$project" --output-dir Data/Migrations --no-build
  echo "$project: added $name"
done

#!/usr/bin/env bash
# Takes the released contract of one or more services (default: all four), for tools/contracts-check.sh to check
# every later change against (docs/releasing.md):
#   protos: contracts/snapshots/protos/<svc>.json, the buf image of the service's protos (imports included, which
#           `buf breaking --against` needs; source info left out, so the snapshot changes only with the contract)
#   events: contracts/snapshots/events/<Svc>.Contracts/, each integration event's JSON shape and a sample of it
#           (tests/Platform.Contracts.Tests, EventShapeTests, in its update mode)
# Run it when a service is released, and commit what it wrote with the release. `platform` takes Platform.Contracts'
# events (CalendarYearPublished), which has no protos.
#   tools/contracts-snapshot.sh approvals
set -euo pipefail
cd "$(dirname "$0")/.."
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(approvals governance livelihood talent)

bash tools/buf/install.sh
buf=tools/buf/node_modules/.bin/buf
mkdir -p contracts/snapshots/protos
projects=()
for svc in "${services[@]}"; do
  project=$(tr '[:lower:]' '[:upper:]' <<<"${svc:0:1}")${svc:1}.Contracts
  [ "$svc" = platform ] && { projects+=("$project"); continue; }
  [ -d "contracts/$project/Protos" ] || { echo "no contracts/$project/Protos: services are approvals, governance, livelihood, talent (or platform)"; exit 1; }
  out=contracts/snapshots/protos/$svc.json
  "$buf" build "contracts/$project/Protos" --exclude-source-info -o "$out"
  # one field a line, so a release's diff shows what changed
  python3 -c 'import json, sys; p = sys.argv[1]; d = json.load(open(p)); json.dump(d, open(p, "w"), indent=1, ensure_ascii=False); open(p, "a").write("\n")' "$out"
  echo "wrote $out"
  projects+=("$project")
done

EVENT_SNAPSHOT_UPDATE=$(IFS=,; echo "${projects[*]}") \
  dotnet test tests/Platform.Contracts.Tests --filter "FullyQualifiedName~EventShapeTests.Update_the_snapshots_when_asked" --logger "console;verbosity=minimal"
echo "wrote contracts/snapshots/events/{$(IFS=,; echo "${projects[*]}")}"

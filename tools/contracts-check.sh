#!/usr/bin/env bash
# The proto gates (docs/releasing.md): `buf lint` over every service's protos, then `buf breaking` of each service
# against its released snapshot (contracts/snapshots/protos/<svc>.json, written by tools/contracts-snapshot.sh), then
# a self-check that both gates do fail, on a broken copy: a renamed field, a renumbered field, a lint violation.
# Non-zero when any of them fails. Takes a few seconds.
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/buf/install.sh || { echo "could not install buf (tools/buf)"; exit 1; }
buf=$PWD/tools/buf/node_modules/.bin/buf
services=(approvals governance livelihood talent)
status=0

project_of() { echo "$(tr '[:lower:]' '[:upper:]' <<<"${1:0:1}")${1:1}.Contracts"; }

(cd contracts && "$buf" lint) || { echo "buf lint: the protos above break the API conventions (contracts/buf.yaml)"; status=1; }

for svc in "${services[@]}"; do
  snapshot=contracts/snapshots/protos/$svc.json
  if [ ! -f "$snapshot" ]; then
    echo "no released snapshot of $svc's protos: run tools/contracts-snapshot.sh $svc (docs/releasing.md)"
    status=1
    continue
  fi
  "$buf" breaking "contracts/$(project_of "$svc")/Protos" --against "$snapshot" \
    || { echo "buf breaking: $svc's protos break its released contract; a deliberate break is a new package longgang.$svc.v2 (docs/releasing.md)"; status=1; }
done

# Self-check: a gate that cannot fail is no gate. On a copy of the workspace, snapshot approvals, break its first
# message's first field in three ways, and expect each gate to report exactly that (exit code 100: findings, as
# opposed to 1: buf itself failed).
self_check() {
  local copy protos failed=0 mutation
  copy=$(mktemp -d)
  trap 'rm -rf "$copy"' RETURN
  (cd contracts && cp -r --parents buf.yaml third_party ./*/Protos "$copy") || return 1
  protos=$copy/Approvals.Contracts/Protos
  "$buf" build "$protos" --exclude-source-info -o "$copy/approvals.json" || return 1
  cp "$protos/approvals.proto" "$copy/approvals.proto.orig"

  for mutation in rename renumber; do
    cp "$copy/approvals.proto.orig" "$protos/approvals.proto"
    python3 - "$protos/approvals.proto" "$mutation" <<'PY' || return 1
import re, sys
path, mutation = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
field = re.compile(r"^(\s+(?:optional |repeated )?[\w.]+ )(\w+)( = )(\d+)(.*;)", re.M)
match = field.search(text, text.index("\nmessage "))
name, number = match.group(2), int(match.group(4))
new = (match.group(1) + (name + "_renamed" if mutation == "rename" else name) + match.group(3)
       + str(number + 1000 if mutation == "renumber" else number) + match.group(5))
open(path, "w", encoding="utf-8").write(text[:match.start()] + new + text[match.end():])
print(f"self-check: {mutation} {match.group(0).strip()} -> {new.strip()}")
PY
    "$buf" breaking "$protos" --against "$copy/approvals.json" >/dev/null
    if [ $? -ne 100 ]; then echo "self-check FAILED: buf breaking did not catch the $mutation"; failed=1; fi
  done

  cp "$copy/approvals.proto.orig" "$protos/approvals.proto"
  printf '\nmessage lower_case_message {}\n' >>"$protos/approvals.proto"
  local findings
  findings=$(cd "$copy" && "$buf" lint --error-format json)
  if [[ $findings != *'"type":"MESSAGE_PASCAL_CASE"'* ]]; then
    echo "self-check FAILED: buf lint did not catch a message named in lower case"; failed=1
  fi
  [ $failed -eq 0 ] && echo "self-check: buf breaking caught the rename and the renumbering, buf lint the violation"
  return $failed
}
self_check || status=1
exit $status

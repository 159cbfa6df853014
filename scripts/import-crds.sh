#!/usr/bin/env bash
# Regenerates the typed CRD classes in src/imports/ with the real `cdk8s import`.
#
#   scripts/import-crds.sh           regenerate src/imports/ and type-check it
#   scripts/import-crds.sh --check   regenerate into a temporary folder and fail if the
#                                    committed src/imports/ differs (no files change)
#
# The CRD files are listed once, under `imports:` in cdk8s.yaml, as paths relative to the
# repository root: the upstream copies in crds/. The generated files are committed.
# Nothing is downloaded: every import is a local file.
set -euo pipefail

cd "$(dirname "$0")/.."

mode='write'
case "${1:-}" in
  '') ;;
  --check) mode='check' ;;
  *)
    echo "import-crds: unknown argument '$1'; use no argument or --check" >&2
    exit 2
    ;;
esac

# Every listed CRD file must exist before cdk8s runs, or the error names the wrong thing.
mapfile -t sources < <(sed -n 's/^  - \(.*\)$/\1/p' cdk8s.yaml)
if [ "${#sources[@]}" -eq 0 ]; then
  echo "import-crds: cdk8s.yaml lists no imports (expected '  - <path>' lines)" >&2
  exit 1
fi
for source in "${sources[@]}"; do
  if [ ! -f "$source" ]; then
    echo "import-crds: CRD file '$source' (from cdk8s.yaml) is missing." >&2
    echo "  Put the shared folder beside the repository (../shared/schemas)." >&2
    exit 1
  fi
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if [ "$mode" = 'check' ]; then
  npx --no-install cdk8s import --no-check-upgrade --output "$scratch/imports" >/dev/null
  if ! diff -r "$scratch/imports" src/imports; then
    echo "import-crds: src/imports/ is stale; run scripts/import-crds.sh and commit" >&2
    exit 1
  fi
  echo "import-crds: src/imports/ matches the CRD files"
  exit 0
fi

rm -f src/imports/*.ts
npx --no-install cdk8s import --no-check-upgrade

# Type-check the generated files alone, under the project's compiler options (strict,
# noUnusedLocals, ...), so that unrelated work in progress elsewhere cannot hide a fault.
cat >"$scratch/tsconfig.json" <<JSON
{
  "extends": "$PWD/tsconfig.json",
  "compilerOptions": { "noEmit": true, "typeRoots": ["$PWD/node_modules/@types"] },
  "include": ["$PWD/src/imports/*.ts"]
}
JSON
npx --no-install tsc -p "$scratch/tsconfig.json"
echo "import-crds: regenerated src/imports/ and type-checked it"

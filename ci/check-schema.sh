#!/usr/bin/env bash
# Fails when schema/report-v1.schema.json differs from the schema generated from ReportV1 now, i.e. when someone
# changed the report types and forgot `npm run schema` (the committed schema is what users validate against).
set -euo pipefail
cd "$(dirname "$0")/.."
generated="$(mktemp -d)/report-v1.schema.json"
trap 'rm -rf "$(dirname "$generated")"' EXIT
npx --no-install ts-json-schema-generator --path src/report/report-types.ts --type ReportV1 --tsconfig tsconfig.json \
  --no-top-ref --out "$generated"
if ! diff -u schema/report-v1.schema.json "$generated"; then
  echo "schema:check: schema/report-v1.schema.json is out of date: run   npm run schema   and commit it" >&2
  exit 1
fi

#!/usr/bin/env bash
# The deploy, the same by hand and in CI (.github/workflows/deploy.yml; README "Deploying", step 7):
#   scripts/deploy.sh staging|production https://<public origin> [--skip-tests]
# 1. the tests (npm test; --skip-tests only when CI ran them on this very commit), 2. the dry-run build and its
# budgets for that environment, 3. db:migrate (expand migrations before the code that needs them, decision 0031),
# 4. wrangler deploy, 5. npm run smoke against the public origin.
# Needs, in the environment (never on the command line): CLOUDFLARE_API_TOKEN (or `wrangler login`),
# CONTROL_DB_URL, CONTROL_DB_AUTH_TOKEN, TURSO_GROUP_AUTH_TOKEN (db:migrate), and the SMOKE_* accounts.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-}"
origin="${2:-}"
skip_tests="${3:-}"
case "$target" in
  staging) env_args=(--env staging) ;;
  production) env_args=() ;;
  *) echo "usage: scripts/deploy.sh staging|production https://<public origin> [--skip-tests]" >&2; exit 2 ;;
esac
case "$origin" in
  https://*) ;;
  *) echo "the public origin must be https://… (it is what the smoke test signs in to)" >&2; exit 2 ;;
esac
for name in CONTROL_DB_URL CONTROL_DB_AUTH_TOKEN TURSO_GROUP_AUTH_TOKEN SMOKE_USERNAME SMOKE_PASSWORD SMOKE_PROVINCE_USERNAME SMOKE_PROVINCE_PASSWORD; do
  if [ -z "${!name:-}" ]; then echo "$name is not set" >&2; exit 2; fi
done
export WRANGLER_SEND_METRICS=false PROVISIONER=turso

step() { echo; echo "=== $target: $*"; }

if [ "$skip_tests" != "--skip-tests" ]; then
  step "tests (npm test)"
  npm test
fi

step "dry-run build and budgets"
npm run check:bundle
npx wrangler deploy --dry-run --outdir .wrangler/dry-run-"$target" "${env_args[@]}"

step "migrations (control and every province)"
npm run db:migrate

step "deploy"
npx wrangler deploy "${env_args[@]}"

step "smoke test against $origin"
# A new version takes a few seconds to reach every location: a first failure is tried once more.
npm run smoke -- "$origin" || { sleep 20; npm run smoke -- "$origin"; }
echo
echo "=== $target deployed and smoke-tested: $origin"

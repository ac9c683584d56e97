#!/usr/bin/env bash
# `npm run bench:push-before-reports`: did keeping the report columns current slow sync?
# Issue 10 asks that it must not. This runs today's `bench:push` protocol measure (same records,
# batches, warm-up and HTTP client) against the server as it was just before the reports existed
# (018bade^: no report columns, totals, text index or period locks) and against this checkout,
# alternating, so both sides see the same machine in the same minutes. It prints records per
# second of each and now ÷ before. SQLite always; PostgreSQL too if TEST_DATABASE_URL is set.
# BENCH_PAIRS (default 2) alternations; BENCH_ROUNDS as in bench:push. Needs the git history.
set -euo pipefail

BEFORE=${BENCH_BEFORE:-018bade^}
PAIRS=${BENCH_PAIRS:-2}
root=$(git rev-parse --show-toplevel)
cd "$root"
tmp=$(mktemp -d)
cleanup() {
  git worktree remove --force "$tmp/before" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

git worktree add -q --detach "$tmp/before" "$BEFORE"
ln -s "$root/node_modules" "$tmp/before/node_modules"
cp bench/push-throughput.ts "$tmp/before/bench/push-throughput-now.ts"
cp bench/support/pg-backend-cpu.ts "$tmp/before/bench/support/pg-backend-cpu.ts"
# Today's bench in yesterday's tree: report columns are only used by the storage baseline (not
# run here), and LoginResponse lived in the sync protocol's module then.
sed -i \
  -e "s#^import { reportColumns } from .*#const reportColumns = (_: unknown) => ({});#" \
  -e "s#^import { MAX_PUSH_MUTATIONS, type PushResponse } from \(.*\);#import { MAX_PUSH_MUTATIONS, type PushResponse, type LoginResponse } from \1;#" \
  -e "/auth-protocol/d" \
  "$tmp/before/bench/push-throughput-now.ts"

# "  sqlite    protocol  11,975 records/s …" → "sqlite 11975"
rates() { grep -E '^  (sqlite|postgres) +protocol' | awk '{ gsub(",", "", $3); print $1, $3 }'; }

echo "Push throughput before the reports ($BEFORE) and now ($(git rev-parse --short HEAD)), $PAIRS alternations, load $(cut -d' ' -f1 /proc/loadavg)"
: >"$tmp/rates"
for pair in $(seq 1 "$PAIRS"); do
  (cd "$tmp/before" && BENCH_ONLY=protocol npx tsx bench/push-throughput-now.ts) | rates |
    sed 's/^/before /' | tee -a "$tmp/rates"
  BENCH_ONLY=protocol npx tsx bench/push-throughput.ts | rates | sed 's/^/now    /' |
    tee -a "$tmp/rates"
done
echo "Best of each (records/s), load $(cut -d' ' -f1 /proc/loadavg):"
awk '{ k = $2; if ($3 > best[$1 " " k]) best[$1 " " k] = $3; kinds[k] = 1 }
  END { for (k in kinds) printf "  %-9s before %7d   now %7d   now ÷ before %.2f\n", k,
    best["before " k], best["now " k], best["now " k] / best["before " k] }' "$tmp/rates"

#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster (creating it if needed) and a test role and database.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$ver" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -n 1 | awk '{print $1" "$2}')
if ! pg_lsclusters -h | head -n 1 | grep -q online; then
  pg_ctlcluster $cluster start
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='outreach'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role outreach login superuser password 'outreach'\""
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='outreach_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc 'create database outreach_test owner outreach'"
echo "PostgreSQL $ver ready on 127.0.0.1:5432"

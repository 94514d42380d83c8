#!/usr/bin/env bash
# Rows per second of the command-line import, on the local PostgreSQL server, into a fresh database each time:
# the whole UCI Online Retail file, then a generated file of one million purchase lines.
#   bench/import.sh        (needs PostgreSQL on 127.0.0.1:5432 with trust auth, and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=127.0.0.1 PGUSER=postgres
JAR=launcher/target/clientele.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
GENERATED=${TMPDIR:-/tmp}/clientele-purchases-1m.csv.gz
[ -f "$GENERATED" ] || python3 bench/generate-purchases.py "$GENERATED" 1000000

run() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS clientele_import_bench" -c "CREATE DATABASE clientele_import_bench"
  java -Xmx512m -jar "$JAR" import purchases --file="$1" --mapping="$2" --spring.profiles.active=dev \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/clientele_import_bench?reWriteBatchedInserts=true" \
    --spring.datasource.username=postgres --logging.level.root=WARN | tail -1
}

echo "--- UCI Online Retail, 541,909 lines"
run ../shared/data/online_retail_uci_541909.csv.gz docs/mappings/online-retail.json
echo "--- generated, 1,000,000 lines"
run "$GENERATED" docs/mappings/online-retail.json

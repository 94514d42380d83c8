#!/usr/bin/env bash
# Commands per second over HTTP, with 1 and 8 concurrent clients, against the one-process launcher on a real
# PostgreSQL server; and, in the same run, pgbench's single-row-insert transactions per second with 8 clients on the
# same server, which is the yardstick of the target (>= 0.6 x pgbench).
#   bench/commands.sh [seconds]          (needs wrk and pgbench; PostgreSQL on 127.0.0.1:5432, trust auth)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
PGHOST=127.0.0.1 PGUSER=postgres
export PGHOST PGUSER
DB=clientele_bench

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -q -d $DB -c "CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)"

JAR=launcher/target/clientele.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
LOG=$(mktemp)
START=$(date +%s%N)
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" \
SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  java -Xmx512m -jar "$JAR" --spring.profiles.active=dev --server.port=18080 > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf localhost:18080/actuator/health > /dev/null; do sleep 0.2; done
echo "start-up to healthy: $(( ($(date +%s%N) - START) / 1000000 )) ms ($(grep -o 'Started ClienteleApplication in [0-9.]* seconds' "$LOG"))"

URL=http://localhost:18080
wrk -t2 -c8 -d${WARMUP:-60}s -s bench/register.lua $URL > /dev/null   # warm-up: the JIT needs a while on 2 cores
echo "--- register, 1 client";  wrk -t1 -c1 -d${DURATION}s -s bench/register.lua $URL | grep -E "Requests/sec|Latency|requests in"
echo "--- register, 8 clients"; wrk -t2 -c8 -d${DURATION}s -s bench/register.lua $URL | grep -E "Requests/sec|Latency|requests in"

CUSTOMERS=$(mktemp)
psql -At -d $DB -c "SELECT aggregate_identifier FROM domain_event_entry ORDER BY random() LIMIT 1000" > "$CUSTOMERS"
export CUSTOMERS
echo "--- purchase, 1 client";  wrk -t1 -c1 -d${DURATION}s -s bench/purchase.lua $URL | grep -E "Requests/sec|Latency|requests in"
echo "--- purchase, 8 clients"; wrk -t2 -c8 -d${DURATION}s -s bench/purchase.lua $URL | grep -E "Requests/sec|Latency|requests in"

echo "--- pgbench single-row insert, 8 clients (same server, same run)"
pgbench -n -c 8 -j 2 -T "$DURATION" -f bench/pgbench-insert.sql $DB | grep -E "tps|latency average"

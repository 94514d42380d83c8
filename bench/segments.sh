#!/usr/bin/env bash
# Answer time of every segment view, as of today and as of a past date, on the whole UCI Online Retail file (or, with
# GENERATED=yes, on the generated purchases file); and the reconciliation of each view's totals with the file.
#   bench/segments.sh [asOf]        (PostgreSQL on 127.0.0.1:5432 with trust auth, python3, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=127.0.0.1 PGUSER=postgres
PAST=${1:-2011-06-30}
if [ "${GENERATED:-no}" = yes ]; then
  DB=clientele_segments_generated
  FILE=${TMPDIR:-/tmp}/clientele-purchases-1m.csv.gz
  [ -f "$FILE" ] || python3 bench/generate-purchases.py "$FILE" 1000000
else
  DB=clientele_segments_uci
  FILE=../shared/data/online_retail_uci_541909.csv.gz
fi
URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
JAR=launcher/target/clientele.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
if [ "${REUSE:-no}" != yes ]; then
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  java -Xmx512m -jar "$JAR" import purchases --file="$FILE" --mapping=docs/mappings/online-retail.json \
    --spring.profiles.active=dev --spring.datasource.url="$URL" --spring.datasource.username=postgres \
    --logging.level.root=WARN | tail -1
fi
SPRING_DATASOURCE_URL="$URL" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  java -Xmx512m -jar "$JAR" --spring.profiles.active=dev --server.port=18082 > /tmp/clientele-segments.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf localhost:18082/actuator/health > /dev/null; do sleep 0.2; done
HEAD=$(psql -At -d $DB -c "SELECT max(global_index) FROM domain_event_entry")
until [ "$(curl -s -u admin:admin-dev localhost:18082/api/admin/projections | python3 -c 'import sys,json; print(min((p.get("position") or 0) for p in json.load(sys.stdin) if p["name"] == "customer-profile"))')" -ge "$HEAD" ]; do sleep 0.5; done
echo "customers: $(psql -At -d $DB -c "SELECT count(*) FROM customer_profile WHERE merged_into IS NULL"), net revenue in the file: $(psql -At -d $DB -c "SELECT sum(amount) FROM customer_purchase")"

time_view() {  # path: prints the answer time (best of 3) and keeps the answer in /tmp/segment-view.json
  local best=999999
  for _ in 1 2 3; do
    local ms
    ms=$(curl -s -o /tmp/segment-view.json -w '%{time_total}' -u analyst:analyst-dev "localhost:18082$1" | python3 -c 'import sys; print(int(float(sys.stdin.read())*1000))')
    [ "$ms" -lt "$best" ] && best=$ms
  done
  printf '%6d ms  %s\n' "$best" "$1"
}
for AS_OF in "" "$PAST"; do
  Q=${AS_OF:+asOf=$AS_OF}
  echo "--- as of ${AS_OF:-now}"
  time_view "/api/segments/lifecycle?$Q"
  python3 -c 'import json; v=json.load(open("/tmp/segment-view.json")); print("          phases add up:", sum(p["customers"] for p in v["phases"]), "=", v["customers"])'
  time_view "/api/segments/rfm?$Q"
  python3 -c 'import json,decimal; v=json.load(open("/tmp/segment-view.json")); print("          segments add up:", sum(decimal.Decimal(str(s["revenue"])) for s in v["segments"]), "=", v["revenue"], v["currency"], "over", v["customers"], "buyers; with the", v["notScored"]["customers"], "customers with returns only:", decimal.Decimal(str(v["revenue"])) + decimal.Decimal(str(v["notScored"]["revenue"])))'
  time_view "/api/segments/tiers?$Q"
  python3 -c 'import json,decimal; v=json.load(open("/tmp/segment-view.json")); print("          tiers add up:", sum(decimal.Decimal(str(t["revenue"])) for t in v["tiers"]), "=", v["revenue"], [ (t["tier"], t["customers"]) for t in v["tiers"]])'
  time_view "/api/segments/lifecycle/transitions?from=2011-01-01&to=${AS_OF:-2011-12-31}"
  time_view "/api/segments/cohorts/retention?$Q"
  time_view "/api/segments/cohorts/prospects?$Q"
  time_view "/api/segments/cohorts/recruiting-products?$Q&limit=10"
  time_view "/api/segments/seasonal?$Q&minYears=1&years=1"
  time_view "/api/segments/rfm/customers.csv?$Q"
done

#!/usr/bin/env bash
# Answer time of the segment views over one million customers. The views read only the read model, so this fills
# the read model directly with SQL (1,000,000 customers, about 2.9 million purchases and returns over 2019-2025,
# one product line each) rather than importing millions of lines through the commands, then times each view as of
# now and as of a past date.
#   bench/segments-1m.sh [asOf]      (PostgreSQL on 127.0.0.1:5432 with trust auth, python3, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=127.0.0.1 PGUSER=postgres
PAST=${1:-2023-06-30}
DB=clientele_segments_1m
URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
JAR=launcher/target/clientele.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
start_app() {
  SPRING_DATASOURCE_URL="$URL" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
    java -Xmx512m -jar "$JAR" --spring.profiles.active=dev --server.port=18083 > /tmp/clientele-segments-1m.log 2>&1 &
  APP=$!
  trap 'kill $APP 2>/dev/null || true' EXIT
  until curl -sf localhost:18083/actuator/health > /dev/null; do sleep 0.2; done
}
if [ "${REUSE:-no}" != yes ]; then
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  start_app    # creates the schema
  kill $APP; wait $APP 2>/dev/null || true
  time psql -q -d $DB <<'SQL'
INSERT INTO customer_profile (customer_id, registered_at, phase, phase_assessed_at, revision, churned_at)
SELECT md5('c' || i)::uuid, timestamptz '2019-01-01' + (i % 2190) * interval '1 day', 'PROSPECT', now(), 1,
       CASE WHEN i % 97 = 0 THEN timestamptz '2024-06-01' END
FROM generate_series(1, 1000000) i;
-- purchases: customer i makes 0 to 6 orders (skewed towards 1), spread after its registration
INSERT INTO customer_purchase (customer_id, order_reference, purchased_at, amount, currency, channel, line_count, kind)
SELECT md5('c' || i)::uuid, 'O-' || i || '-' || n,
       timestamptz '2019-01-01' + (i % 2190) * interval '1 day' + (n * 53 + i % 41) * interval '1 day',
       CASE WHEN n = 6 THEN -(5 + i % 20) ELSE 10 + (i * 7 + n * 13) % 290 END, 'GBP', 'WEB', 1,
       CASE WHEN n = 6 THEN 'RETURN' ELSE 'PURCHASE' END
FROM generate_series(1, 1000000) i
JOIN generate_series(1, 6) n ON n <= 1 + (i % 7) / 2 + (CASE WHEN i % 11 = 0 THEN 3 ELSE 0 END)
WHERE i % 9 <> 0;
INSERT INTO purchase_line (customer_id, order_reference, line_number, purchased_at, sku, quantity, amount)
SELECT customer_id, order_reference, 1, purchased_at, 'SKU' || (abs(hashtext(order_reference)) % 4000), 1, amount
FROM customer_purchase WHERE kind = 'PURCHASE';
ANALYZE;
SQL
fi
start_app
if [ "${WAIT_FOR_INDEX:-no}" = yes ]; then   # let the background warm-up finish before timing
  until grep -q "Segment index built" /tmp/clientele-segments-1m.log; do sleep 0.5; done
  grep "Segment index built" /tmp/clientele-segments-1m.log | tail -1
fi
echo "customers: $(psql -At -d $DB -c "SELECT count(*) FROM customer_profile"), purchases and returns: $(psql -At -d $DB -c "SELECT count(*) FROM customer_purchase")"
time_view() {
  local ms
  ms=$(curl -s -o /tmp/segment-view-1m.json -w '%{time_total}' -u analyst:analyst-dev "localhost:18083$1" | python3 -c 'import sys; print(int(float(sys.stdin.read())*1000))')
  printf '%6d ms  %s\n' "$ms" "$1"
}
for AS_OF in "" "$PAST"; do
  Q=${AS_OF:+asOf=$AS_OF}
  echo "--- as of ${AS_OF:-now}"
  for view in "lifecycle?$Q" "lifecycle?$Q" "rfm?$Q" "tiers?$Q" "lifecycle/transitions?from=2022-01-01&to=${AS_OF:-2025-12-31}" \
              "cohorts/retention?$Q" "cohorts/prospects?$Q" "cohorts/recruiting-products?$Q&limit=10" \
              "seasonal?$Q&minYears=2&years=3" "rfm/customers.csv?$Q&segment=AT_RISK"; do
    time_view "/api/segments/$view"
  done
done
echo "heap in use: $(curl -s -u admin:admin-dev 'localhost:18083/actuator/metrics/jvm.memory.used?tag=area:heap' | python3 -c 'import sys,json; print(int(json.load(sys.stdin)["measurements"][0]["value"]/1048576), "MB")')"

#!/usr/bin/env bash
# Rebuild speed of every read model: fills a database with the generated 1,000,000-line purchases file (about 250,000
# events), then starts the backend on it with empty projections and times how long they take to reach the head of
# the event store. Also reports the heap the JVM had in use at the end.
#   bench/rebuild.sh          (PostgreSQL on 127.0.0.1:5432 with trust auth, python3, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=127.0.0.1 PGUSER=postgres
DB=clientele_rebuild_bench
URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
JAR=launcher/target/clientele.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
GENERATED=${TMPDIR:-/tmp}/clientele-purchases-1m.csv.gz
[ -f "$GENERATED" ] || python3 bench/generate-purchases.py "$GENERATED" 1000000

if [ "${REUSE:-no}" != yes ]; then
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  java -Xmx512m -jar "$JAR" import purchases --file="$GENERATED" --mapping=docs/mappings/online-retail.json \
    --spring.profiles.active=dev --spring.datasource.url="$URL" --spring.datasource.username=postgres \
    --logging.level.root=WARN | tail -1
fi
# empty every projection: their tables and their tokens (the tables exist once the backend has run on this database)
# (every table the query side's migrations made, whatever the version of the jar)
psql -q -d $DB -c "DO \$\$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('customer_profile', 'customer_purchase', 'customer_consent', 'contact_version', 'consent_ledger', 'preference_version', 'purchase_line') LOOP EXECUTE 'TRUNCATE ' || t; END LOOP; END \$\$" \
  -c "DELETE FROM token_entry"
HEAD=$(psql -At -d $DB -c "SELECT max(global_index) FROM domain_event_entry")
EVENTS=$(psql -At -d $DB -c "SELECT count(*) FROM domain_event_entry")
echo "event store: $EVENTS events, head at $HEAD"

SPRING_DATASOURCE_URL="$URL" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  java -Xmx512m -jar "$JAR" --spring.profiles.active=dev --server.port=18081 "$@" > /tmp/clientele-rebuild.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf localhost:18081/actuator/health > /dev/null; do sleep 0.2; done
START=$(date +%s%N)
while true; do
  LOWEST=$(curl -s -u admin:admin-dev localhost:18081/api/admin/projections \
    | python3 -c 'import sys,json; print(min((p.get("position") or 0) for p in json.load(sys.stdin) if p["name"] == "customer-profile"))')
  [ "$LOWEST" -ge "$HEAD" ] && break
  sleep 0.2
done
MS=$(( ($(date +%s%N) - START) / 1000000 ))
# the consent ledger has no event of its own in this data set; its token only moves when it claims work, so the
# customer profile, which handles almost every event, is the one timed
echo "rebuilt the customer-profile projection in $MS ms: $(( EVENTS * 1000 / MS )) events/s"
curl -s -u admin:admin-dev localhost:18081/actuator/metrics/jvm.memory.used?tag=area:heap \
  | python3 -c 'import sys,json; print("heap in use at the end: %d MB" % (json.load(sys.stdin)["measurements"][0]["value"]/2**20))'

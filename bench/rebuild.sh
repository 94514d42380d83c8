#!/usr/bin/env bash
# Rebuild speed of every read model, through the shadow rebuild (POST /api/admin/projections/rebuild).
# Fills a database with the generated 1,000,000-line purchases file (about 250,000 events) unless REUSE=yes, starts
# the backend on it with a 512 MB heap, rebuilds every projection together, then each alone (PER_PROJECTION=yes),
# and prints events/s, the peak heap after GC (from the GC log) and the raw sequential read rate of the event table
# (COPY to /dev/null) with the ratio of the two.
#   bench/rebuild.sh                  (PostgreSQL on 127.0.0.1:5432 with trust auth, python3, curl)
#   REUSE=yes bench/rebuild.sh [--property=value ...]
#   GENERATE=1000000 DB=clientele_10m bench/rebuild.sh   (the generated 10-million-event history instead of the file)
#   REUSE=yes PER_PROJECTION=no PROJECTIONS='["customer-profile"]' bench/rebuild.sh   (one run, chosen projections)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=127.0.0.1 PGUSER=postgres
DB=${DB:-clientele_rebuild_bench}
URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
JAR=${JAR:-launcher/target/clientele.jar}
PORT=18081
ADMIN=admin:admin-dev
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
GENERATED=${TMPDIR:-/tmp}/clientele-purchases-1m.csv.gz
[ -n "${GENERATE:-}" ] || [ -f "$GENERATED" ] || python3 bench/generate-purchases.py "$GENERATED" 1000000

if [ "${REUSE:-no}" != yes ] && [ -n "${GENERATE:-}" ]; then
  # GENERATE=<customers>: the generated history (about ten events a customer); the live projections start at the
  # head, so that the rebuild is the only one to read the store
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  java -Xmx512m -jar "$JAR" generate-events --customers="$GENERATE" \
    --spring.profiles.active=dev --spring.datasource.url="$URL" --spring.datasource.username=postgres \
    --logging.level.root=WARN | tail -1
  GHEAD=$(psql -At -d $DB -c "SELECT max(global_index) FROM domain_event_entry")
  for P in customer-profile consent-ledger customer-preferences campaign-memory; do
    psql -q -d $DB -c "INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp) VALUES ('$P', 0, convert_to('{\"index\":$GHEAD,\"gaps\":[]}', 'UTF8'), 'org.axonframework.eventhandling.GapAwareTrackingToken', now()::text) ON CONFLICT DO NOTHING"
  done
elif [ "${REUSE:-no}" != yes ]; then
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  java -Xmx512m -jar "$JAR" import purchases --file="$GENERATED" --mapping=docs/mappings/online-retail.json \
    --spring.profiles.active=dev --spring.datasource.url="$URL" --spring.datasource.username=postgres \
    --logging.level.root=WARN | tail -1
fi
EVENTS=$(psql -At -d $DB -c "SELECT count(*) FROM domain_event_entry")
HEAD=$(psql -At -d $DB -c "SELECT max(global_index) FROM domain_event_entry")
echo "event store: $EVENTS events, head at $HEAD"

START=$(date +%s%N)
psql -q -d $DB -c "COPY domain_event_entry TO '/dev/null'"
MS=$(( ($(date +%s%N) - START) / 1000000 ))
RAW=$(( EVENTS * 1000 / (MS > 0 ? MS : 1) ))
echo "raw sequential read (COPY domain_event_entry TO '/dev/null'): $MS ms, $RAW events/s"

GCLOG=/tmp/clientele-rebuild-gc.log
rm -f "$GCLOG"
SPRING_DATASOURCE_URL="$URL" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  java -Xmx512m -Xlog:gc:file="$GCLOG" ${JAVA_OPTS:-} -jar "$JAR" --spring.profiles.active=dev --server.port=$PORT \
  --clientele.segments.warm-up=false "$@" > /tmp/clientele-rebuild.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf localhost:$PORT/actuator/health > /dev/null; do sleep 0.2; done
# let the live processors reach the head first, so that the rebuild runs alone
until curl -s -u $ADMIN localhost:$PORT/api/admin/projections \
  | python3 -c 'import sys,json; sys.exit(0 if all((p.get("lag") or 0) == 0 and p.get("position") is not None for p in json.load(sys.stdin) if p["name"] in ("customer-profile","consent-ledger","customer-preferences","campaign-memory")) else 1)' 2>/dev/null; do
  sleep 1
done

rebuild() { # $1: JSON body; prints the final progress
  curl -sf -u $ADMIN -H 'Content-Type: application/json' -d "$1" localhost:$PORT/api/admin/projections/rebuild > /dev/null
  while true; do
    STATE=$(curl -s -u $ADMIN localhost:$PORT/api/admin/projections/rebuild)
    case "$STATE" in *'"state":"DONE"'*|*'"state":"FAILED"'*) echo "$STATE"; return;; esac
    sleep 0.5
  done
}

report() { # $1: label, $2: progress JSON
  python3 -c '
import sys, json, datetime
label, p, raw = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
start = datetime.datetime.fromisoformat(p["startedAt"].replace("Z", "+00:00"))
end = datetime.datetime.fromisoformat(p["finishedAt"].replace("Z", "+00:00"))
seconds = (end - start).total_seconds()
rate = p["events"] / seconds if seconds else 0
print("%-28s %s: %d events in %.1f s, %d events/s end to end (switch included), %.3f of the raw read%s" % (
    label, p["state"], p["events"], seconds, rate, rate / raw if raw else 0,
    "" if p["state"] == "DONE" else " error: " + str(p.get("error"))))
' "$1" "$2" "$RAW"
}

report "${PROJECTIONS:-every projection together}" "$(rebuild "{\"projections\":${PROJECTIONS:-[]}}")"
if [ "${PER_PROJECTION:-yes}" = yes ]; then
  for P in customer-profile consent-ledger customer-preferences campaign-memory; do
    report "$P alone" "$(rebuild "{\"projections\":[\"$P\"]}")"
  done
fi
PEAK=$(grep -oE '[0-9]+M->[0-9]+M' "$GCLOG" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
echo "peak heap after a collection (GC log): ${PEAK:-?} MB of 512 MB"

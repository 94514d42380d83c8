#!/usr/bin/env bash
# Throughput of the contact-policy gate in bulk: registers N customers with an email consent through the API, defines
# a campaign with a 10% control group, launches it on them, and times one bulk contact request for the whole audience.
#   bench/gate.sh [N]          (PostgreSQL on 127.0.0.1:5432 with trust auth, python3, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
export PGHOST=127.0.0.1 PGUSER=postgres
DB=clientele_gate_bench
JAR=launcher/target/clientele.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" \
SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  java -Xmx512m -jar "$JAR" --spring.profiles.active=dev --server.port=18084 > /tmp/clientele-gate.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf localhost:18084/actuator/health > /dev/null; do sleep 0.2; done
python3 - "$N" <<'PY'
import json, sys, time, urllib.request, base64
n = int(sys.argv[1])
auth = "Basic " + base64.b64encode(b"backoffice:backoffice-dev").decode()
def post(path, body):
    request = urllib.request.Request("http://localhost:18084" + path, json.dumps(body).encode(),
                                     {"Content-Type": "application/json", "Authorization": auth})
    return json.load(urllib.request.urlopen(request))
ids = []
for i in range(n):
    ids.append(post("/api/customers", {"email": f"gate{i}@example.com", "origin": {"source": "bench"}})["customerId"])
    post(f"/api/customers/{ids[-1]}/consents", {"channel": "EMAIL", "purpose": "marketing", "source": "web_form",
                                                 "legalBasis": "CONSENT", "effectiveAt": "2024-01-01T00:00:00Z"})
campaign = post("/api/campaigns", {"name": "Gate bench", "channel": "EMAIL", "controlRatio": 0.1})["campaignId"]
started = time.time()
launched = post(f"/api/campaigns/{campaign}/launch", {"customerIds": ids})
print(f"launch of {n}: {time.time() - started:.2f} s, arms {launched['arms']}")
started = time.time()
answer = post(f"/api/campaigns/{campaign}/contact-requests", {"customerIds": ids})
elapsed = time.time() - started
print(f"gate, one bulk request of {n}: {elapsed:.2f} s, {n / elapsed:.0f} decisions/s; approved {answer['approved']}, refused {answer['refused']}")
started = time.time()
answer = post(f"/api/campaigns/{campaign}/contact-requests", {"customerIds": ids})
elapsed = time.time() - started
print(f"the same again (idempotent): {elapsed:.2f} s, {n / elapsed:.0f} decisions/s")
PY

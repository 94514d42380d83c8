#!/usr/bin/env bash
# The campaign scenario of the README, end to end against a running backend (BASE, default http://localhost:8080,
# with the dev users): twenty first-time buyers, two without an email consent and one already at the pressure cap;
# a campaign with two variants and a 10% control group, launched on the FIRST_PURCHASE segment; the audience through
# the contact-policy gate; delivery outcomes and purchases; and the results with uplift. Safe to run twice: every id
# is fixed, so a second run answers ALREADY_... and records nothing new.
set -euo pipefail
BASE=${BASE:-http://localhost:8080}
W=(-s -u backoffice:backoffice-dev -H 'Content-Type: application/json')
CAMPAIGN=7e1d0c2b-3a4f-4b6c-8d9e-0f1a2b3c4d5e
customer() { printf 'a0000000-0000-4000-8000-%012d' "$1"; }
ago() { python3 -c "import datetime,sys; print((datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=int(sys.argv[1]))).strftime('%Y-%m-%dT%H:%M:%SZ'))" "$1"; }
# waits until the views have read every event so far (their positions stop moving)
settle() {
  local before="" now
  for _ in $(seq 1 100); do
    now=$(curl -s -u admin:admin-dev "$BASE/api/admin/projections")
    [ "$now" = "$before" ] && return 0
    before=$now; sleep 0.3
  done
}

echo "# twenty first-time buyers; 3 and 7 never gave an email consent"
for i in $(seq 0 19); do
  id=$(customer "$i")
  curl "${W[@]}" -X POST "$BASE/api/customers" -d "{\"customerId\":\"$id\",\"email\":\"buyer$i@example.com\",\"origin\":{\"source\":\"scenario\"}}" > /dev/null
  curl "${W[@]}" -X POST "$BASE/api/customers/$id/purchases" -d "{\"orderReference\":\"SC-$i\",\"purchasedAt\":\"$(ago 40)\",\"amount\":25.00,\"currency\":\"EUR\",\"channel\":\"WEB\"}" > /dev/null
  if [ "$i" != 3 ] && [ "$i" != 7 ]; then
    curl "${W[@]}" -X POST "$BASE/api/customers/$id/consents" -d "{\"channel\":\"EMAIL\",\"purpose\":\"marketing\",\"source\":\"web_form\",\"legalBasis\":\"CONSENT\",\"effectiveAt\":\"$(ago 60)\"}" > /dev/null
  fi
done

echo "# customer 0 already had four emails this month (four small campaigns): the cap is reached"
for n in 1 2 3 4; do
  warm=$(printf '7e1d0c2b-3a4f-4b6c-8d9e-00000000000%d' "$n")
  curl "${W[@]}" -X POST "$BASE/api/campaigns" -d "{\"campaignId\":\"$warm\",\"name\":\"Newsletter $n\",\"channel\":\"EMAIL\"}" > /dev/null
  curl "${W[@]}" -X POST "$BASE/api/campaigns/$warm/launch" -d "{\"customerIds\":[\"$(customer 0)\"]}" > /dev/null
  curl "${W[@]}" -X POST "$BASE/api/campaigns/$warm/contact-requests" -d "{\"customerId\":\"$(customer 0)\"}" > /dev/null
done
settle   # the segment views follow the events within a moment

echo "# a campaign with two variants and a 10% control group"
curl "${W[@]}" -X POST "$BASE/api/campaigns" -d "{\"campaignId\":\"$CAMPAIGN\",\"name\":\"Second order\",\"objective\":\"repeat purchase\",\"channel\":\"EMAIL\",\"offer\":\"see variants\",\"targetDescription\":\"first-time buyers\",\"cost\":40.00,\"currency\":\"EUR\",\"attributionWindowDays\":14,\"controlRatio\":0.1,\"variants\":[{\"code\":\"A\",\"offer\":\"10% off\",\"messageReference\":\"subject-a\",\"share\":0.5},{\"code\":\"B\",\"offer\":\"free shipping\",\"messageReference\":\"subject-b\",\"share\":0.5}]}"; echo

echo "# launched on the FIRST_PURCHASE segment, frozen now"
curl "${W[@]}" -X POST "$BASE/api/campaigns/$CAMPAIGN/launch" -d '{"segment":{"view":"lifecycle","segment":"FIRST_PURCHASE"}}'; echo

echo "# the audience through the gate: refusals for the control group, missing consent and the cap"
curl "${W[@]}" -X POST "$BASE/api/campaigns/$CAMPAIGN/contact-requests" -d '{"wholeAudience":true}' | python3 -c 'import json,sys; a=json.load(sys.stdin); print({k: a[k] for k in ("requested","approved","refused","errors")})'

echo "# outcomes from the sending tool, and purchases within the attribution window"
for i in 1 2 4 5 6 8 9 10; do
  curl "${W[@]}" -X POST "$BASE/api/campaigns/$CAMPAIGN/outcomes" -d "{\"outcomes\":[{\"customerId\":\"$(customer "$i")\",\"outcome\":\"SENT\"},{\"customerId\":\"$(customer "$i")\",\"outcome\":\"OPENED\"}]}" > /dev/null
done
curl "${W[@]}" -X POST "$BASE/api/campaigns/$CAMPAIGN/outcomes" -d "{\"customerId\":\"$(customer 11)\",\"outcome\":\"HARD_BOUNCE\"}" > /dev/null
for i in 1 2 4 5 6; do   # a control member's purchase in the window would count for the control group
  curl "${W[@]}" -X POST "$BASE/api/customers/$(customer "$i")/purchases" -d "{\"orderReference\":\"SC2-$i\",\"amount\":40.00,\"currency\":\"EUR\",\"channel\":\"WEB\"}" > /dev/null
done
settle

echo "# the results: per variant and per segment, with uplift against the control group"
curl -s -u analyst:analyst-dev "$BASE/api/campaigns/$CAMPAIGN/results"; echo

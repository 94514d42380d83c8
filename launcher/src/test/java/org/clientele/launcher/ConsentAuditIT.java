package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What was allowed on a date, and a consent ledger that shows any edit made behind the application's back. */
class ConsentAuditIT {

    private static Backend backend;
    private static ApiClient api;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        backend = Backend.launcher(TestDatabase.newDatabase());
        api = backend.api();
        jdbc = backend.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void answersWhatWasAllowedOnADateIncludingAnExpiredConsent() {
        String id = api.register("allowed@example.com");
        grant(id, "2024-01-01T00:00:00Z", "\"expiresAt\":\"2024-06-01T00:00:00Z\",\"proofReference\":\"form-42\",");
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).size() == 1);

        JsonNode during = allowed(id, "2024-03-01");
        assertThat(during.path("allowed").asBoolean()).isTrue();
        assertThat(during.path("basis").path("legalBasis").asText()).isEqualTo("CONSENT");
        assertThat(during.path("basis").path("proofReference").asText()).isEqualTo("form-42");
        assertThat(allowed(id, "2024-07-01").path("reason").asText()).isEqualTo("EXPIRED");
        assertThat(allowed(id, "2023-12-01").path("reason").asText()).isEqualTo("NO_CONSENT_RECORDED");

        // a lapsed consent can be granted again, then withdrawn
        grant(id, "2024-08-01T00:00:00Z", "");
        assertThat(api.post("/api/customers/" + id + "/consents/withdrawals", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"unsubscribe_link",
                 "effectiveAt":"2024-09-01T00:00:00Z"}""")
                        .text("outcome"))
                .isEqualTo("WITHDRAWN");
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).size() == 3);
        assertThat(allowed(id, "2024-08-15").path("allowed").asBoolean()).isTrue();
        assertThat(allowed(id, "2024-10-01").path("reason").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void changesDatedNowByTheServerVerifyIntact() {
        // no effectiveAt: the server's clock dates them, with more precision than the ledger keeps
        String id = api.register("dated-now@example.com");
        api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT",
                 "expiresAt":"2999-01-01T00:00:00.123456789Z"}""");
        api.post("/api/customers/" + id + "/consents/withdrawals", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"unsubscribe_link"}""");
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).size() == 2);

        assertThat(findings(verification(), id)).isEmpty();
    }

    @Test
    void aConsentCannotExpireBeforeItStarts() {
        String id = api.register("expiry@example.com");
        Answer answer = api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                {"channel":"SMS","purpose":"marketing","source":"shop","legalBasis":"CONSENT",
                 "effectiveAt":"2024-05-01T00:00:00Z","expiresAt":"2024-04-01T00:00:00Z"}""");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("code")).isEqualTo("CONSENT_EXPIRES_BEFORE_IT_STARTS");
    }

    @Test
    void theChainNamesARowAlteredDeletedOrInsertedInTheDatabase() {
        String altered = customerWithThreeChanges("altered@example.com");
        String deleted = customerWithThreeChanges("deleted@example.com");
        String inserted = customerWithThreeChanges("inserted@example.com");
        assertThat(verification().path("intact").asBoolean()).isTrue();

        JsonNode alteredRow = history(altered).get(1);
        jdbc.update(
                "UPDATE consent_ledger SET source = 'forged' WHERE event_id = ?",
                alteredRow.path("eventId").asText());
        JsonNode deletedNext = history(deleted).get(2);
        jdbc.update(
                "DELETE FROM consent_ledger WHERE event_id = ?",
                history(deleted).get(1).path("eventId").asText());
        JsonNode insertedAfter = history(inserted).get(0);
        jdbc.update(
                "INSERT INTO consent_ledger (position, event_id, customer_id, change, channel, purpose, source, "
                        + "effective_at, recorded_at, previous_hash, hash) SELECT position + 1, 'forged-entry', "
                        + "customer_id, 'GRANTED', 'POSTAL', 'marketing', 'forged', effective_at, recorded_at, hash, "
                        + "repeat('a', 64) FROM consent_ledger WHERE event_id = ?",
                insertedAfter.path("eventId").asText());

        JsonNode result = verification();
        assertThat(result.path("intact").asBoolean()).isFalse();
        assertThat(findings(result, altered))
                .containsExactly(alteredRow.path("eventId").asText() + ":ALTERED");
        assertThat(findings(result, deleted))
                .containsExactly(deletedNext.path("eventId").asText() + ":CHAIN_BROKEN");
        assertThat(findings(result, inserted)).contains("forged-entry:ALTERED");
    }

    @Test
    void theJournalFiltersPagesAndExportsEveryChange() {
        String first = api.register("journal1@example.com");
        String second = api.register("journal2@example.com");
        for (String id : java.util.List.of(first, second)) {
            api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                    {"channel":"SMS","purpose":"partners","source":"journal_shop","legalBasis":"CONSENT",
                     "effectiveAt":"2023-03-10T00:00:00Z"}""");
        }
        api.post("/api/customers/" + first + "/consents/withdrawals", ApiClient.BACKOFFICE, """
                {"channel":"SMS","purpose":"partners","source":"journal_shop","effectiveAt":"2023-04-10T00:00:00Z"}""");
        String query = "source=journal_shop&channel=sms&purpose=partners&user=backoffice";
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/consents/journal?" + query, ApiClient.AUDITOR)
                                .body()
                                .path("totalItems")
                                .asLong()
                        == 3);

        JsonNode march = api.get(
                        "/api/consents/journal?" + query + "&from=2023-03-01&to=2023-04-01&size=1", ApiClient.AUDITOR)
                .body();
        assertThat(march.path("totalItems").asLong()).isEqualTo(2);
        assertThat(march.path("items")).hasSize(1);
        JsonNode secondPage = api.get(
                        "/api/consents/journal?" + query + "&from=2023-03-01&to=2023-04-01&size=1&page=1",
                        ApiClient.AUDITOR)
                .body();
        assertThat(secondPage.path("items").get(0).path("eventId").asText())
                .isNotEqualTo(march.path("items").get(0).path("eventId").asText());

        String csv = api.text("/api/consents/journal.csv?" + query, ApiClient.AUDITOR);
        assertThat(csv.lines().count()).isEqualTo(4);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("position,event_id,customer_id,change");
        assertThat(csv).contains(first).contains(second).contains("WITHDRAWN");

        assertThat(api.get("/api/consents/journal", ApiClient.ANALYST).status()).isEqualTo(403);
        assertThat(api.get("/api/consents/journal?from=last-week", ApiClient.AUDITOR)
                        .text("code"))
                .isEqualTo("INVALID_FIELD");
    }

    @Test
    void theRightOfAccessReturnsEverythingHeldOnThePerson() {
        String id = api.register("access@example.com");
        api.post(
                "/api/customers/" + id + "/purchases",
                ApiClient.BACKOFFICE,
                "{\"orderReference\":\"ACC-1\",\"amount\":12.00,\"currency\":\"EUR\",\"channel\":\"WEB\"}");
        grant(id, "2024-01-01T00:00:00Z", "");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> history(id).size() == 1
                        && api.get("/api/customers/" + id, ApiClient.ANALYST)
                                        .body()
                                        .path("purchases")
                                        .path("count")
                                        .asInt()
                                == 1);

        Answer export = api.get("/api/customers/" + id + "/access-export", ApiClient.AUDITOR);
        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.body();
        assertThat(body.path("profile").path("email").asText()).isEqualTo("access@example.com");
        assertThat(body.path("consentHistory")).hasSize(1);
        assertThat(body.path("purchases").findValuesAsText("orderReference")).containsExactly("ACC-1");
        assertThat(body.path("events").findValuesAsText("type"))
                .containsExactly("ContactRegistered", "PurchaseRecorded", "ConsentGranted");
        assertThat(body.path("events")
                        .get(0)
                        .path("payload")
                        .path("contact")
                        .path("email")
                        .path("value")
                        .asText())
                .isEqualTo("access@example.com");
        assertThat(body.path("events").get(1).path("metadata").path("user").asText())
                .isEqualTo("backoffice");

        assertThat(api.get("/api/customers/" + id + "/access-export", ApiClient.ANALYST)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/customers/00000000-0000-0000-0000-0000000000aa/access-export", ApiClient.AUDITOR)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void thePreferenceCentreIsReadableAsOfAnyDate() {
        String id = api.register("preferences@example.com");
        String body = """
                {"preferredChannels":["EMAIL"],"maxMessages":4,"periodDays":30,"pausedUntil":"2099-01-01T00:00:00Z"}""";
        assertThat(api.put("/api/customers/" + id + "/preferences", ApiClient.BACKOFFICE, body)
                        .text("outcome"))
                .isEqualTo("UPDATED");
        assertThat(api.put("/api/customers/" + id + "/preferences", ApiClient.BACKOFFICE, body)
                        .text("outcome"))
                .isEqualTo("UNCHANGED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = api.get("/api/customers/" + id + "/preferences", ApiClient.ANALYST)
                    .body();
            assertThat(now.path("preferredChannels").path(0).asText()).isEqualTo("EMAIL");
            assertThat(now.path("maxMessages").asInt()).isEqualTo(4);
            assertThat(now.path("paused").asBoolean()).isTrue();
        });
        JsonNode before = api.get("/api/customers/" + id + "/preferences?asOf=2020-01-01", ApiClient.ANALYST)
                .body();
        assertThat(before.path("since").isMissingNode() || before.path("since").isNull())
                .isTrue();
        assertThat(before.path("preferredChannels")).isEmpty();

        Answer invalid = api.put("/api/customers/" + id + "/preferences", ApiClient.BACKOFFICE, "{\"maxMessages\":3}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").findValuesAsText("field")).contains("periodDays");
    }

    @Test
    void onlyAuditorsAndAdminsMayAudit() {
        String id = api.register("roles@example.com");
        assertThat(api.get("/api/consents/verification", ApiClient.ANALYST).status())
                .isEqualTo(403);
        assertThat(api.get("/api/customers/" + id + "/consents/allowed?channel=EMAIL", ApiClient.BACKOFFICE)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/consents/verification", ApiClient.ADMIN).status())
                .isEqualTo(200);
        assertThat(api.get("/api/customers/" + id + "/consents/allowed?channel=FAX", ApiClient.AUDITOR)
                        .text("code"))
                .isEqualTo("INVALID_FIELD");
    }

    private static String customerWithThreeChanges(String email) {
        String id = api.register(email);
        grant(id, "2024-01-01T00:00:00Z", "");
        api.post("/api/customers/" + id + "/consents/withdrawals", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"unsubscribe_link",
                 "effectiveAt":"2024-02-01T00:00:00Z"}""");
        grant(id, "2024-03-01T00:00:00Z", "");
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).size() == 3);
        return id;
    }

    private static void grant(String id, String effectiveAt, String extra) {
        Answer answer =
                api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT",%s
                 "effectiveAt":"%s"}""".formatted(extra, effectiveAt));
        assertThat(answer.text("outcome")).as(answer.raw()).isEqualTo("GRANTED");
    }

    private static JsonNode history(String id) {
        return api.get("/api/customers/" + id + "/consents/history", ApiClient.AUDITOR)
                .body();
    }

    private static JsonNode allowed(String id, String at) {
        return api.get(
                        "/api/customers/" + id + "/consents/allowed?channel=EMAIL&purpose=marketing&at=" + at,
                        ApiClient.AUDITOR)
                .body();
    }

    private static JsonNode verification() {
        return api.get("/api/consents/verification", ApiClient.AUDITOR).body();
    }

    private static java.util.List<String> findings(JsonNode verification, String customer) {
        java.util.List<String> found = new java.util.ArrayList<>();
        verification.path("findings").forEach(finding -> {
            if (finding.path("customerId").asText().equals(customer)) {
                found.add(finding.path("eventId").asText() + ":"
                        + finding.path("problem").asText());
            }
        });
        return found;
    }
}

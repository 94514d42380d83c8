package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The right to erasure by crypto-shredding, end to end on a real PostgreSQL: personal data is encrypted in the event
 * store from the start, and once a person is erased no table holds any of it, not even after a full replay, while
 * their purchases still count.
 */
class ErasureIT {

    private static final String EMAIL = "zebulon.quixotic@example.org";
    private static final String DUPLICATE_EMAIL = "zq-old-address@example.org";
    /** What of the person may appear in a table, however it is formatted there. */
    private static final List<String> TRACES =
            List.of("zebulon", "quixotic", "zq-old-address", "2079460123", "Piccadilly", "moved to Mars");

    @Test
    void anErasedPersonLeavesNoTraceButTheirFactsStay() {
        try (Backend backend = Backend.launcher(TestDatabase.newDatabase())) {
            ApiClient api = backend.api();
            JdbcTemplate jdbc = backend.bean(JdbcTemplate.class);
            String id = registerThePerson(api);
            rejectAnImportRowQuotingThePerson(api);
            backend.awaitProjections();

            assertThat(tablesHolding(jdbc, TRACES))
                    .as("personal data is in the views, but never in plain text in the event store")
                    .contains("customer_profile", "customer_identity", "import_rejection", "consent_ledger")
                    .doesNotContain("domain_event_entry");
            JsonNode export = api.get("/api/customers/" + id + "/access-export", ApiClient.AUDITOR)
                    .body();
            assertThat(export.path("status").asText()).isEqualTo("HELD");
            assertThat(export.path("events").toString()).contains(EMAIL).contains("moved to Mars");
            JsonNode preferences =
                    api.get("/api/customers/" + id, ApiClient.ANALYST).body().path("preferences");
            assertThat(preferences.path("preferredChannels").toString()).isEqualTo("[\"EMAIL\"]");
            assertThat(preferences.path("maxMessages").asInt()).isEqualTo(2);
            BigDecimal revenue = revenue(jdbc);
            JsonNode spentBefore =
                    api.get("/api/customers/" + id, ApiClient.ANALYST).body().path("purchases");

            for (String notAllowed : List.of(ApiClient.BACKOFFICE, ApiClient.ANALYST, ApiClient.AUDITOR)) {
                assertThat(erase(api, id, notAllowed).status()).isEqualTo(403);
            }
            assertThat(erase(api, id, ApiClient.ADMIN).text("outcome")).isEqualTo("ERASED");
            assertThat(erase(api, id, ApiClient.ADMIN).text("outcome")).isEqualTo("ALREADY_ERASED");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !api.get("/api/customers/" + id, ApiClient.ANALYST)
                            .body()
                            .path("erasure")
                            .isMissingNode());
            backend.awaitProjections();

            assertThat(tablesHolding(jdbc, TRACES)).isEmpty();
            JsonNode profile =
                    api.get("/api/customers/" + id, ApiClient.ANALYST).body();
            assertThat(profile.path("email").isMissingNode()).isTrue();
            assertThat(profile.path("erasure").path("requestReference").asText())
                    .isEqualTo("DSR-2026-0042");
            assertThat(profile.path("purchases")).isEqualTo(spentBefore);
            assertThat(revenue(jdbc)).isEqualByComparingTo(revenue);

            JsonNode erasedExport = api.get("/api/customers/" + id + "/access-export", ApiClient.AUDITOR)
                    .body();
            assertThat(erasedExport.path("status").asText()).isEqualTo("ERASED");
            assertThat(erasedExport.toString()).doesNotContain(EMAIL).contains("[erased]");
            assertThat(erasedExport.path("purchases")).hasSize(2);
            assertThat(api.get("/api/consents/verification", ApiClient.AUDITOR)
                            .body()
                            .path("intact")
                            .asBoolean())
                    .isTrue();

            Answer refused = api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                    {"orderReference":"AFTER-1","amount":5.00,"currency":"GBP","channel":"WEB"}""");
            assertThat(refused.status()).isEqualTo(410);
            assertThat(refused.text("code")).isEqualTo("ERASED");

            long head = backend.head();
            for (String projection : List.of("customer-profile", "consent-ledger", "customer-preferences")) {
                assertThat(api.post("/api/admin/projections/" + projection + "/replay", ApiClient.ADMIN, "")
                                .status())
                        .isEqualTo(202);
            }
            backend.awaitProjectionsAt(head);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(api.get("/api/customers/" + id, ApiClient.ANALYST)
                                    .body()
                                    .path("purchases"))
                            .isEqualTo(spentBefore));
            assertThat(tablesHolding(jdbc, TRACES)).as("after a full replay").isEmpty();
            assertThat(revenue(jdbc)).isEqualByComparingTo(revenue);
            assertThat(api.get("/api/consents/verification", ApiClient.AUDITOR)
                            .body()
                            .path("intact")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aLostKeyTableStopsTheStartInsteadOfErasingEveryone() {
        String database = TestDatabase.newDatabase();
        try (Backend backend = Backend.launcher(database)) {
            registerThePerson(backend.api());
            backend.bean(JdbcTemplate.class).update("DELETE FROM customer_key");
        }
        assertThatThrownBy(() -> Backend.launcher(database).close())
                .hasStackTraceContaining("customer_key")
                .hasStackTraceContaining("Restore it from its backup");
    }

    @Test
    void anotherMasterKeyStopsTheStart() {
        String database = TestDatabase.newDatabase();
        try (Backend backend = Backend.launcher(database)) {
            registerThePerson(backend.api());
        }
        assertThatThrownBy(() -> Backend.launcher(
                                database, "--clientele.privacy.master-key=QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=")
                        .close())
                .hasStackTraceContaining("is not the master key");
    }

    /** The person, with a merged duplicate, a consent with its proof, two purchases and a churn note. */
    private static String registerThePerson(ApiClient api) {
        Answer registered = api.post("/api/customers", ApiClient.BACKOFFICE, """
                {"firstName":"Zebulon","lastName":"Quixotic","email":"%s","phone":"+44 20 7946 0123",
                 "address":{"street":"1 Piccadilly","postalCode":"W1J 0DA","city":"London","country":"GB"},
                 "origin":{"source":"shop"}}""".formatted(EMAIL));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        String id = registered.text("customerId");
        String duplicate = api.register(DUPLICATE_EMAIL);
        assertThat(api.post("/api/customers/" + duplicate + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"DUP-1","purchasedAt":"2025-02-01T10:00:00Z","amount":7.25,"currency":"GBP",
                         "channel":"SHOP"}""")
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/customers/" + id + "/merges",
                                ApiClient.BACKOFFICE,
                                "{\"duplicateId\":\"" + duplicate + "\",\"reason\":\"zebulon twice\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"ZQ-1","purchasedAt":"2025-03-01T10:00:00Z","amount":19.99,"currency":"GBP",
                         "channel":"WEB"}""")
                        .status())
                .isEqualTo(201);
        assertThat(api.put("/api/customers/" + id + "/preferences", ApiClient.BACKOFFICE, """
                        {"preferredChannels":["EMAIL"],"maxMessages":2,"periodDays":30}""")
                        .text("outcome"))
                .isEqualTo("UPDATED");
        assertThat(api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                        {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT",
                         "proofReference":"double opt-in sent to zebulon.quixotic@example.org"}""")
                        .text("outcome"))
                .isEqualTo("GRANTED");
        assertThat(api.post(
                                "/api/customers/" + id + "/churn",
                                ApiClient.BACKOFFICE,
                                "{\"reason\":\"OTHER\",\"detail\":\"Zebulon moved to Mars\"}")
                        .text("outcome"))
                .isEqualTo("CHURNED");
        return id;
    }

    private static void rejectAnImportRowQuotingThePerson(ApiClient api) {
        // a registration date that cannot be read sinks the row, which is kept with its raw text
        String file = "ref;first;last;mail;tel;since\n;Zebulon;Quixotic;" + EMAIL.toUpperCase()
                + ";020 7946 0123;last spring\n";
        Answer submitted = api.upload(
                "/api/imports/contacts",
                ApiClient.BACKOFFICE,
                "contacts.csv",
                file.getBytes(StandardCharsets.UTF_8),
                """
                {"source":"crm","separator":";","defaultCountry":"GB","columns":{"externalReference":"ref",
                 "firstName":"first","lastName":"last","email":"mail","phone":"tel","registeredAt":"since"}}""");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(submitted.location(), ApiClient.BACKOFFICE)
                                .body()
                                .path("progress")
                                .path("rowsRejected")
                                .asLong(),
                        rejected -> rejected == 1);
    }

    private static Answer erase(ApiClient api, String id, String credentials) {
        return api.post("/api/customers/" + id + "/erasure", credentials, """
                {"requestReference":"DSR-2026-0042","requestedBy":"DATA_SUBJECT"}""");
    }

    /**
     * Every table of the database, read raw: text columns as text, binary ones (event payloads, tokens) byte for
     * byte. Answers the tables where any of the traces appears, in any letter case.
     */
    private static List<String> tablesHolding(JdbcTemplate jdbc, List<String> traces) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : jdbc.queryForList(
                "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                        + "AND table_name IN (SELECT table_name FROM information_schema.tables "
                        + "WHERE table_type = 'BASE TABLE')")) {
            String table = column.get("table_schema") + "." + column.get("table_name");
            String name = "\"" + column.get("column_name") + "\"";
            boolean binary = "bytea".equals(column.get("data_type"));
            for (String trace : traces) {
                long hits = 0;
                if (binary) {
                    // bytes are not text: look for each spelling the trace may have been written in
                    for (String spelling : spellings(trace)) {
                        hits += jdbc.queryForObject(
                                "SELECT count(*) FROM " + table + " WHERE position(convert_to(?, 'UTF8') IN " + name
                                        + ") > 0",
                                Long.class,
                                spelling);
                    }
                } else {
                    hits = jdbc.queryForObject(
                            "SELECT count(*) FROM " + table + " WHERE " + name + "::text ILIKE ?",
                            Long.class,
                            "%" + trace + "%");
                }
                if (hits > 0 && !found.contains((String) column.get("table_name"))) {
                    found.add((String) column.get("table_name"));
                }
            }
        }
        return found;
    }

    private static List<String> spellings(String trace) {
        String lower = trace.toLowerCase(java.util.Locale.ROOT);
        return List.of(
                trace,
                lower,
                trace.toUpperCase(java.util.Locale.ROOT),
                Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
    }

    private static BigDecimal revenue(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM customer_purchase", BigDecimal.class);
    }
}

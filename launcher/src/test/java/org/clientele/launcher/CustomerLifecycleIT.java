package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** One process, both sides, a real PostgreSQL: a command goes to the event store, the projection, the query. */
class CustomerLifecycleIT {

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
    void registrationReachesTheEventStoreTheProjectionAndTheQuery() throws Exception {
        Answer registered = api.post("/api/customers", ApiClient.BACKOFFICE, """
                {"firstName":"  Grace ","lastName":"Hopper","email":" Grace@Example.ORG ",
                 "address":{"city":"Arlington","country":"us"},"origin":{"source":"crm","campaign":"launch"}}
                """);
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.text("customerId");

        Integer stored = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, id);
        assertThat(stored).isEqualTo(1);

        JsonNode profile = awaitProfile(id);
        assertThat(profile.path("email").asText()).isEqualTo("grace@example.org");
        assertThat(profile.path("name").path("firstName").asText()).isEqualTo("Grace");
        assertThat(profile.path("address").path("country").asText()).isEqualTo("US");
        assertThat(profile.path("origin").path("campaign").asText()).isEqualTo("launch");
        assertThat(profile.path("lifecycle").path("phase").asText()).isEqualTo("PROSPECT");
    }

    @Test
    void everyEventCarriesTheUserTheSourceSystemAndTheCorrelationId() throws Exception {
        String id = api.register("meta@example.com");
        byte[] metaData = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?", byte[].class, id);
        JsonNode meta = new ObjectMapper().readTree(metaData);
        assertThat(meta.path("user").asText()).isEqualTo("backoffice");
        assertThat(meta.path("sourceSystem").asText()).isEqualTo("api");
        assertThat(meta.path("correlationId").asText()).isNotBlank();
    }

    @Test
    void aPurchaseSentTwiceIsRecordedOnceAndCountsOnce() {
        String id = api.register("buyer@example.com");
        String purchase = """
                {"orderReference":"INV-1","purchasedAt":"2026-06-01T09:00:00Z","amount":42.50,"currency":"EUR",
                 "channel":"SHOP","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":42.50}]}
                """;
        assertThat(api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, purchase)
                        .text("outcome"))
                .isEqualTo("RECORDED");
        Answer repeat = api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, purchase);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.text("outcome")).isEqualTo("ALREADY_RECORDED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode profile =
                    api.get("/api/customers/" + id, ApiClient.ANALYST).body();
            assertThat(profile.path("purchases").path("count").asInt()).isEqualTo(1);
            assertThat(profile.path("purchases")
                            .path("netSpent")
                            .get(0)
                            .path("amount")
                            .decimalValue())
                    .isEqualByComparingTo("42.50");
            assertThat(profile.path("lifecycle").path("phase").asText()).isEqualTo("FIRST_PURCHASE");
        });
    }

    @Test
    void theConsentLedgerKeepsEveryChangeWithWhoMadeIt() {
        String id = api.register("consent@example.com");
        String consent = """
                {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT"}
                """;
        assertThat(api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, consent)
                        .text("outcome"))
                .isEqualTo("GRANTED");
        assertThat(api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, consent)
                        .text("outcome"))
                .isEqualTo("ALREADY_GRANTED");
        assertThat(api.post("/api/customers/" + id + "/consents/withdrawals", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"unsubscribe_link"}
                """)
                        .text("outcome"))
                .isEqualTo("WITHDRAWN");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Answer history = api.get("/api/customers/" + id + "/consents/history", ApiClient.AUDITOR);
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body()).hasSize(2);
            assertThat(history.body().get(0).path("change").asText()).isEqualTo("GRANTED");
            assertThat(history.body().get(1).path("change").asText()).isEqualTo("WITHDRAWN");
            assertThat(history.body().get(1).path("user").asText()).isEqualTo("backoffice");
            assertThat(history.body().get(1).path("source").asText()).isEqualTo("unsubscribe_link");
        });
        JsonNode profile = api.get("/api/customers/" + id, ApiClient.ANALYST).body();
        assertThat(profile.path("consents").get(0).path("state").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aChurnedCustomerIsListedUnderItsPhase() {
        String id = api.register("churn@example.com");
        assertThat(api.post(
                                "/api/customers/" + id + "/churn",
                                ApiClient.BACKOFFICE,
                                "{\"reason\":\"SERVICE_PROBLEM\",\"detail\":\"late deliveries\"}")
                        .text("outcome"))
                .isEqualTo("CHURNED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode page = api.get("/api/customers?phase=CHURNED&size=500", ApiClient.ANALYST)
                    .body();
            assertThat(page.path("items").findValuesAsText("customerId")).contains(id);
        });
    }

    @Test
    void contactDetailsAreReplacedAsAWhole() {
        String id = api.register("old@example.com");
        Answer updated = api.put(
                "/api/customers/" + id + "/contact",
                ApiClient.BACKOFFICE,
                "{\"lastName\":\"Lovelace-King\",\"email\":\"new@example.com\",\"phone\":\"+44 20 7946 0001\"}");
        assertThat(updated.text("outcome")).isEqualTo("UPDATED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode profile =
                    api.get("/api/customers/" + id, ApiClient.ANALYST).body();
            assertThat(profile.path("email").asText()).isEqualTo("new@example.com");
            assertThat(profile.path("name").path("firstName").isMissingNode()).isTrue();
        });
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        Answer docs = api.get("/v3/api-docs", ApiClient.ANALYST);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/customers/{id}/purchases"))
                .isTrue();
        assertThat(docs.body().path("paths").has("/api/customers/{id}/consents/history"))
                .isTrue();
    }

    private static JsonNode awaitProfile(String id) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/customers/" + id, ApiClient.ANALYST), answer -> answer.status() == 200)
                .body();
    }
}

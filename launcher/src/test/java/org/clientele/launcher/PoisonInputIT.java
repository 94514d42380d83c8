package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the event store and the views cannot hold is refused at the door, with a 400 naming the field: text with a
 * control character, numbers beyond the domain's range and scale. Each of these was once answered 201 and then
 * stopped a projection for every customer, or exhausted the heap. Ids of another kind of record are unknown ids.
 */
class PoisonInputIT {

    private static Backend backend;
    private static ApiClient api;
    private static JdbcTemplate jdbc;
    private static String customer;

    @BeforeAll
    static void start() {
        backend = Backend.launcher(TestDatabase.newDatabase());
        api = backend.api();
        jdbc = backend.bean(JdbcTemplate.class);
        customer = api.register("poison@example.com");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @ParameterizedTest(name = "firstName with {0}")
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b", "\\ud800", "\\u0085"})
    void aControlCharacterInTextIsRefusedNamingTheField(String character) {
        long before = eventCount();
        Answer answer = api.post(
                "/api/customers",
                ApiClient.BACKOFFICE,
                "{\"firstName\":\"Ab" + character + "c\",\"email\":\"nul-" + UUID.randomUUID()
                        + "@example.com\",\"origin\":{\"source\":\"test\"}}");

        assertProblem(answer, 400, "INVALID_FIELD", "firstName");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aNulInAnOrderReferenceOrANestedFieldIsRefused() {
        assertProblem(
                purchase("{\"orderReference\":\"INV\\u0000\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\"}"),
                400,
                "INVALID_FIELD",
                "orderReference");
        assertProblem(
                purchase("{\"orderReference\":\"L-1\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\","
                        + "\"lines\":[{\"sku\":\"TEA\\u0000\",\"quantity\":1,\"unitPrice\":3}]}"),
                400,
                "INVALID_FIELD",
                "lines[0].sku");
    }

    @Test
    void ordinaryWhitespaceAndAccentsAreKept() {
        Answer answer = api.post(
                "/api/customers",
                ApiClient.BACKOFFICE,
                "{\"firstName\":\"Jérôme\\tÉloi 😀\",\"email\":\"ws-" + UUID.randomUUID()
                        + "@example.com\",\"origin\":{\"source\":\"test\"}}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"1e1000", "1e-999999999", "1e999999999", "1e100000000", "-1e999999999", "0.0000000000001"})
    void anAmountBeyondTheDomainsRangeOrScaleIsRefusedAt400(String amount) {
        long before = eventCount();
        assertProblem(
                purchase("{\"orderReference\":\"BIG-" + UUID.randomUUID() + "\",\"amount\":" + amount
                        + ",\"currency\":\"EUR\",\"channel\":\"WEB\"}"),
                400,
                "INVALID_FIELD",
                "amount");
        assertThat(eventCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "unitPrice {0}")
    @ValueSource(strings = {"1e1000", "1e-999999999", "1e999999999"})
    void aUnitPriceBeyondTheDomainsRangeIsRefused(String price) {
        assertProblem(
                purchase("{\"orderReference\":\"P-" + UUID.randomUUID() + "\",\"amount\":3,\"currency\":\"EUR\","
                        + "\"channel\":\"WEB\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1,\"unitPrice\":" + price
                        + "}]}"),
                400,
                "INVALID_FIELD",
                "lines[0].unitPrice");
    }

    @ParameterizedTest(name = "cost {0}")
    @ValueSource(strings = {"1e-999999999", "1e999999999", "1e100000000"})
    void aCampaignCostBeyondTheRangeIsRefused(String cost) {
        assertProblem(
                api.post(
                        "/api/campaigns",
                        ApiClient.BACKOFFICE,
                        "{\"name\":\"Costly\",\"channel\":\"EMAIL\",\"cost\":" + cost + ",\"currency\":\"EUR\"}"),
                400,
                "INVALID_FIELD",
                "cost");
    }

    @Test
    void aControlCharacterInAQueryParameterIsRefusedNamingIt() {
        assertProblem(
                api.get("/api/consents/journal?source=web%00form", ApiClient.AUDITOR),
                400,
                "INVALID_PARAMETER",
                "source");
    }

    @Test
    void customerCommandsOnACampaignsIdAnswerNotFoundAndRegisteringWithItIsAConflict() {
        String campaign = api.post("/api/campaigns", ApiClient.BACKOFFICE, "{\"name\":\"Kinds\",\"channel\":\"EMAIL\"}")
                .text("campaignId");

        assertProblem(
                api.post(
                        "/api/customers/" + campaign + "/purchases",
                        ApiClient.BACKOFFICE,
                        "{\"orderReference\":\"K-1\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\"}"),
                404,
                "CUSTOMER_NOT_FOUND",
                null);
        assertProblem(
                api.post("/api/customers/" + campaign + "/churn", ApiClient.BACKOFFICE, "{\"reason\":\"PRICE\"}"),
                404,
                "CUSTOMER_NOT_FOUND",
                null);
        assertProblem(
                api.post(
                        "/api/customers",
                        ApiClient.BACKOFFICE,
                        "{\"customerId\":\"" + campaign + "\",\"firstName\":\"Ada\",\"email\":\"kind@example.com\","
                                + "\"origin\":{\"source\":\"test\"}}"),
                409,
                "ID_IN_USE",
                null);
        Answer gate = api.post(
                "/api/campaigns/" + campaign + "/contact-requests",
                ApiClient.BACKOFFICE,
                "{\"customerId\":\"" + campaign + "\"}");
        assertThat(gate.raw()).contains("CUSTOMER_NOT_FOUND").doesNotContain("IncompatibleAggregate");
    }

    private static Answer purchase(String json) {
        return api.post("/api/customers/" + customer + "/purchases", ApiClient.BACKOFFICE, json);
    }

    private static long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static void assertProblem(Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.raw()).startsWith("application/problem+json");
        assertThat(answer.text("code")).as(answer.raw()).isEqualTo(code);
        if (field != null) {
            assertThat(answer.body().findValuesAsText("field")).as(answer.raw()).contains(field);
        }
    }
}

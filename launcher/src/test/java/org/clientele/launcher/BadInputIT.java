package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input gets an RFC 7807 answer naming the field and the reason, never a 500, and writes nothing. */
class BadInputIT {

    private static Backend backend;
    private static ApiClient api;
    private static JdbcTemplate jdbc;
    private static String customer;

    @BeforeAll
    static void start() {
        backend = Backend.launcher(TestDatabase.newDatabase());
        api = backend.api();
        jdbc = backend.bean(JdbcTemplate.class);
        customer = api.register("errors@example.com");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void malformedJsonIsA400() {
        assertProblem(purchase("{\"orderReference\":"), 400, "MALFORMED_JSON", null);
    }

    @Test
    void aWrongTypeNamesTheField() {
        assertProblem(
                purchase("{\"orderReference\":\"X\",\"amount\":\"lots\",\"currency\":\"EUR\",\"channel\":\"WEB\"}"),
                400,
                "INVALID_FIELD",
                "amount");
    }

    @Test
    void aMissingFieldNamesTheField() {
        assertProblem(
                purchase("{\"amount\":10,\"currency\":\"EUR\",\"channel\":\"WEB\"}"),
                400,
                "INVALID_FIELD",
                "orderReference");
    }

    @Test
    void aNegativeAmountNamesTheField() {
        assertProblem(
                purchase("{\"orderReference\":\"N\",\"amount\":-3,\"currency\":\"EUR\",\"channel\":\"WEB\"}"),
                400,
                "INVALID_FIELD",
                "amount");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        Answer answer =
                purchase("{\"orderReference\":\"E\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"TELEPATHY\"}");
        assertProblem(answer, 400, "INVALID_FIELD", "channel");
        assertThat(answer.body().path("errors").get(0).path("reason").asText()).contains("WEB", "SHOP");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertProblem(
                purchase("{\"orderReference\":\"U\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\","
                        + "\"discount\":1}"),
                400,
                "UNKNOWN_FIELD",
                "discount");
    }

    @Test
    void anInvalidEmailNamesTheField() {
        Answer answer = api.post(
                "/api/customers",
                ApiClient.BACKOFFICE,
                "{\"email\":\"not-an-address\",\"origin\":{\"source\":\"test\"}}");
        assertProblem(answer, 400, "INVALID_FIELD", "email");
    }

    @Test
    void aLineErrorNamesTheLine() {
        Answer answer = purchase("{\"orderReference\":\"L\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\","
                + "\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":3},{\"sku\":\"B\",\"quantity\":0,"
                + "\"unitPrice\":1}]}");
        assertProblem(answer, 400, "INVALID_FIELD", "lines[1].quantity");
    }

    @Test
    void anUnknownCustomerIsA404() {
        Answer answer = api.post(
                "/api/customers/00000000-0000-0000-0000-000000000042/purchases",
                ApiClient.BACKOFFICE,
                "{\"orderReference\":\"Z\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\"}");
        assertProblem(answer, 404, "CUSTOMER_NOT_FOUND", null);
        assertProblem(
                api.get("/api/customers/00000000-0000-0000-0000-000000000042", ApiClient.ANALYST),
                404,
                "CUSTOMER_NOT_FOUND",
                null);
    }

    @Test
    void aMalformedIdIsA400() {
        assertProblem(api.get("/api/customers/not-a-uuid", ApiClient.ANALYST), 400, "INVALID_FIELD", "id");
    }

    @Test
    void aBrokenBusinessRuleIsA422AndWritesNothing() {
        long before = eventCount();
        Answer answer = purchase("{\"orderReference\":\"F\",\"amount\":3,\"currency\":\"EUR\",\"channel\":\"WEB\","
                + "\"purchasedAt\":\"2999-01-01T00:00:00Z\"}");
        assertProblem(answer, 422, "DATE_IN_FUTURE", null);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aChurnWithReasonOtherNeedsADetail() {
        assertProblem(
                api.post("/api/customers/" + customer + "/churn", ApiClient.BACKOFFICE, "{\"reason\":\"OTHER\"}"),
                422,
                "CHURN_DETAIL_REQUIRED",
                null);
    }

    @Test
    void withoutCredentialsEverythingButHealthIsA401() {
        assertProblem(api.get("/api/customers/" + customer, null), 401, "AUTHENTICATION_REQUIRED", null);
        assertProblem(api.get("/v3/api-docs", null), 401, "AUTHENTICATION_REQUIRED", null);
        assertProblem(
                api.get("/api/customers/" + customer, "analyst:wrong-password"), 401, "AUTHENTICATION_REQUIRED", null);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void aUserWithoutTheRoleGetsA403() {
        assertProblem(
                api.post("/api/customers", ApiClient.ANALYST, "{\"origin\":{\"source\":\"x\"}}"),
                403,
                "ACCESS_DENIED",
                null);
        assertProblem(api.get("/api/customers/" + customer, ApiClient.BACKOFFICE), 403, "ACCESS_DENIED", null);
        assertProblem(
                api.get("/api/customers/" + customer + "/consents/history", ApiClient.ANALYST),
                403,
                "ACCESS_DENIED",
                null);
        assertThat(api.get("/api/customers/" + customer + "/consents/history", ApiClient.ADMIN)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        assertProblem(api.get("/api/nothing-here", ApiClient.ADMIN), 404, "NOT_FOUND", null);
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
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("code")).isEqualTo(code);
        if (field != null) {
            assertThat(answer.body().path("errors").findValuesAsText("field")).contains(field);
        }
    }
}

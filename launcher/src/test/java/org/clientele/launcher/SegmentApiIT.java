package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

/** Over HTTP the segment views answer analysts and admins only, download as CSV, and name each bad parameter. */
class SegmentApiIT {

    private static final String CSV_HEADER =
            "customer_id,segment,recency_score,frequency_score,monetary_score,last_purchase_at,orders,net_value";

    /** Whole seconds, as the read model stores them. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static Backend backend;
    private static ApiClient api;
    private static HttpClient http;
    private static String base;

    /** Registered 90 days ago, bought 60 and 20 days ago: a repeat buyer. */
    private static String ada;
    /** Registered 30 days ago, bought 10 days ago: a first-time buyer. */
    private static String bob;
    /** Registered 5 days ago, never bought: a prospect. */
    private static String cyd;

    @BeforeAll
    static void start() {
        backend = Backend.launcher(TestDatabase.newDatabase());
        api = backend.api();
        http = HttpClient.newHttpClient();
        base = "http://localhost:" + backend.bean(Environment.class).getProperty("local.server.port");

        ada = register("ada@example.com", 90);
        bought(ada, "ADA-1", 60, "19.99");
        bought(ada, "ADA-2", 20, "30.00");
        bob = register("bob@example.com", 30);
        bought(bob, "BOB-1", 10, "12.50");
        cyd = register("cyd@example.com", 5);

        backend.awaitProjections();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theLifecycleCountsEachCustomerInExactlyOnePhase() {
        Answer answer = api.get("/api/segments/lifecycle", ApiClient.ANALYST);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode body = answer.body();
        assertThat(body.path("customers").asLong()).isEqualTo(3);
        long sum = 0;
        for (JsonNode phase : body.path("phases")) {
            sum += phase.path("customers").asLong();
        }
        assertThat(sum).isEqualTo(body.path("customers").asLong());
        assertThat(customersIn(body, "PROSPECT")).isEqualTo(1);
        assertThat(customersIn(body, "FIRST_PURCHASE")).isEqualTo(1);
        assertThat(customersIn(body, "REPEAT")).isEqualTo(1);
        assertThat(api.get("/api/segments/lifecycle", ApiClient.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void theRfmListDownloadsAsACsvAttachmentWithOneRowPerBuyer() {
        HttpResponse<String> response = download("/api/segments/rfm/customers.csv", ApiClient.ANALYST, "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).startsWith("attachment"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(CSV_HEADER);
        // two buyers, scored 1 + floor(5 * below / 2): the lower value scores 1, the higher 3
        assertThat(lines.subList(1, lines.size()))
                .containsExactlyInAnyOrder(
                        // last purchase older, more orders, more value: R 1, FM 3 -> At risk
                        String.join(",", ada, "AT_RISK", "1", "3", "3", daysAgo(20), "2", "49.99"),
                        // R 3, FM 1 -> About to sleep
                        String.join(",", bob, "ABOUT_TO_SLEEP", "3", "1", "1", daysAgo(10), "1", "12.50"));

        List<String> atRisk = download("/api/segments/rfm/customers.csv?segment=At%20risk", ApiClient.ANALYST, null)
                .body()
                .lines()
                .toList();
        assertThat(atRisk).hasSize(2).startsWith(CSV_HEADER);
        assertThat(atRisk.get(1)).startsWith(ada + ",AT_RISK,");
    }

    @Test
    void threeQuantilesOutOfOrderAreRefused() {
        assertProblem(api.get("/api/segments/tiers?quantiles=0.5,0.4,0.9", ApiClient.ANALYST), "quantiles");
    }

    @Test
    void aDateThatIsNotADateIsRefused() {
        assertProblem(api.get("/api/segments/tiers?asOf=yesterday", ApiClient.ANALYST), "asOf");
    }

    @Test
    void anUnknownSegmentIsAProblemNotACsv() {
        HttpResponse<String> response =
                download("/api/segments/rfm/customers.csv?segment=NOPE", ApiClient.ANALYST, "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(response.body()).doesNotContain(CSV_HEADER);
        assertProblem(api.get("/api/segments/rfm/customers.csv?segment=NOPE", ApiClient.ANALYST), "segment");
    }

    @Test
    void transitionsThatEndBeforeTheyStartAreRefused() {
        assertProblem(
                api.get("/api/segments/lifecycle/transitions?from=2025-01-01&to=2024-01-01", ApiClient.ANALYST), "to");
    }

    @Test
    void onlyAnalystsAndAdminsMayReadSegments() {
        for (String user : List.of(ApiClient.BACKOFFICE, ApiClient.AUDITOR)) {
            Answer answer = api.get("/api/segments/lifecycle", user);
            assertThat(answer.status()).as(user).isEqualTo(403);
            assertThat(answer.text("code")).isEqualTo("ACCESS_DENIED");
        }
        Answer anonymous = api.get("/api/segments/lifecycle", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text("code")).isEqualTo("AUTHENTICATION_REQUIRED");
    }

    @Test
    void aCustomersPhaseHistoryListsItsPeriods() {
        Answer answer = api.get("/api/segments/lifecycle/history/" + ada, ApiClient.ANALYST);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        List<String> periods = new ArrayList<>();
        answer.body()
                .path("periods")
                .forEach(period -> periods.add(String.join(
                        " ",
                        period.path("phase").asText(),
                        period.path("enteredAt").asText(),
                        period.path("leftAt").asText("-"))));
        assertThat(periods)
                .containsExactly(
                        "PROSPECT " + daysAgo(90) + " " + daysAgo(60),
                        "FIRST_PURCHASE " + daysAgo(60) + " " + daysAgo(20),
                        "REPEAT " + daysAgo(20) + " -");

        Answer prospect = api.get("/api/segments/lifecycle/history/" + cyd, ApiClient.ANALYST);
        assertThat(StreamSupport.stream(prospect.body().path("periods").spliterator(), false)
                        .map(period -> period.path("phase").asText()))
                .containsExactly("PROSPECT");
    }

    @Test
    void theHistoryOfAnUnknownCustomerIsA404() {
        Answer answer =
                api.get("/api/segments/lifecycle/history/00000000-0000-0000-0000-000000000042", ApiClient.ANALYST);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("code")).isEqualTo("CUSTOMER_NOT_FOUND");
    }

    // ---- helpers ----

    private static long customersIn(JsonNode lifecycle, String phase) {
        for (JsonNode count : lifecycle.path("phases")) {
            if (count.path("phase").asText().equals(phase)) {
                return count.path("customers").asLong();
            }
        }
        throw new AssertionError("no phase " + phase + " in " + lifecycle);
    }

    private static void assertProblem(Answer answer, String field) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("code")).isEqualTo("INVALID_FIELD");
        assertThat(answer.body().path("errors").findValuesAsText("field")).containsExactly(field);
    }

    private static String daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days)).toString();
    }

    private static String register(String email, int daysAgo) {
        Answer answer = api.post("/api/customers", ApiClient.BACKOFFICE, """
                {"firstName":"Ada","lastName":"Tester","email":"%s","origin":{"source":"test"},"registeredAt":"%s"}
                """.formatted(email, daysAgo(daysAgo)));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.text("customerId");
    }

    private static void bought(String customer, String reference, int daysAgo, String amount) {
        Answer answer = api.post("/api/customers/" + customer + "/purchases", ApiClient.BACKOFFICE, """
                {"orderReference":"%s","purchasedAt":"%s","amount":%s,"currency":"GBP","channel":"WEB",
                 "lines":[{"sku":"MUG","quantity":1,"unitPrice":%s}]}
                """.formatted(
                        reference, daysAgo(daysAgo), amount, amount));
        assertThat(answer.text("outcome")).as(answer.raw()).isEqualTo("RECORDED");
    }

    /** A GET whose headers matter, as a campaign tool downloading a list sends it. */
    private static HttpResponse<String> download(String path, String credentials, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

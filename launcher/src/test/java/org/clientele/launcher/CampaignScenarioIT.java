package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The README's campaign scenario (docs/campaign-scenario.sh), step by step over HTTP on a real PostgreSQL: a campaign
 * with two variants and a 10% control group launched on a segment, the gate's refusals for the control group, a
 * missing consent and the cap, outcomes and purchases, and results with uplift that a replay rebuilds identically.
 */
class CampaignScenarioIT {

    private static final String CAMPAIGN = "7e1d0c2b-3a4f-4b6c-8d9e-0f1a2b3c4d5e";

    private static String customer(int i) {
        return "a0000000-0000-4000-8000-%012d".formatted(i);
    }

    @Test
    void theScenarioOfTheReadmeRunsEndToEnd() {
        try (Backend backend = Backend.launcher(TestDatabase.newDatabase())) {
            ApiClient api = backend.api();
            Instant fortyDaysAgo = Instant.now().minus(Duration.ofDays(40));
            for (int i = 0; i < 20; i++) {
                String id = customer(i);
                api.post("/api/customers", ApiClient.BACKOFFICE, """
                        {"customerId":"%s","email":"buyer%d@example.com","origin":{"source":"scenario"}}""".formatted(id, i));
                api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"SC-%d","purchasedAt":"%s","amount":25.00,"currency":"EUR","channel":"WEB"}""".formatted(i, fortyDaysAgo));
                if (i != 3 && i != 7) {
                    api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                            {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT",
                             "effectiveAt":"2024-01-01T00:00:00Z"}""");
                }
            }
            for (int n = 1; n <= 4; n++) {
                String warm = "7e1d0c2b-3a4f-4b6c-8d9e-00000000000" + n;
                api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                        {"campaignId":"%s","name":"Newsletter %d","channel":"EMAIL"}""".formatted(warm, n));
                api.post(
                        "/api/campaigns/" + warm + "/launch",
                        ApiClient.BACKOFFICE,
                        "{\"customerIds\":[\"" + customer(0) + "\"]}");
                api.post(
                        "/api/campaigns/" + warm + "/contact-requests",
                        ApiClient.BACKOFFICE,
                        "{\"customerId\":\"" + customer(0) + "\"}");
            }
            backend.awaitProjections();

            assertThat(api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                            {"campaignId":"%s","name":"Second order","objective":"repeat purchase","channel":"EMAIL",
                             "cost":40.00,"currency":"EUR","attributionWindowDays":14,"controlRatio":0.1,
                             "variants":[{"code":"A","offer":"10%% off","share":0.5},
                                         {"code":"B","offer":"free shipping","share":0.5}]}""".formatted(CAMPAIGN))
                            .text("outcome"))
                    .isEqualTo("DEFINED");
            JsonNode launched = api.post(
                            "/api/campaigns/" + CAMPAIGN + "/launch",
                            ApiClient.BACKOFFICE,
                            "{\"segment\":{\"view\":\"lifecycle\",\"segment\":\"FIRST_PURCHASE\"}}")
                    .body();
            // the arms come from the stable hash of the campaign and each customer: the same in every run
            assertThat(launched.path("audienceSize").asLong()).isEqualTo(20);
            assertThat(launched.path("arms").toString()).isEqualTo("{\"A\":11,\"B\":7,\"CONTROL\":2}");

            JsonNode gate = api.post(
                            "/api/campaigns/" + CAMPAIGN + "/contact-requests",
                            ApiClient.BACKOFFICE,
                            "{\"wholeAudience\":true}")
                    .body();
            assertThat(gate.path("requested").asLong()).isEqualTo(20);
            assertThat(gate.path("approved").asLong()).isEqualTo(15);
            assertThat(gate.path("refused").toString())
                    .isEqualTo("{\"CONTROL_GROUP\":2,\"NO_CONSENT\":2,\"PRESSURE_CAP_CHANNEL\":1}");

            for (int i : new int[] {1, 2, 4, 5, 6, 8, 9, 10}) {
                api.post("/api/campaigns/" + CAMPAIGN + "/outcomes", ApiClient.BACKOFFICE, """
                        {"outcomes":[{"customerId":"%1$s","outcome":"SENT"},{"customerId":"%1$s","outcome":"OPENED"}]}""".formatted(customer(i)));
            }
            api.post(
                    "/api/campaigns/" + CAMPAIGN + "/outcomes",
                    ApiClient.BACKOFFICE,
                    "{\"customerId\":\"" + customer(11) + "\",\"outcome\":\"HARD_BOUNCE\"}");
            for (int i : new int[] {1, 2, 4, 5, 6}) {
                api.post("/api/customers/" + customer(i) + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"SC2-%d","amount":40.00,"currency":"EUR","channel":"WEB"}""".formatted(i));
            }
            backend.awaitProjections();

            JsonNode results = results(api);
            JsonNode total = results.path("total");
            assertThat(total.path("targeted").path("members").asLong()).isEqualTo(18);
            assertThat(total.path("heldOut").path("members").asLong()).isEqualTo(2);
            assertThat(total.path("targeted").path("approved").asLong()).isEqualTo(15);
            assertThat(total.path("targeted").path("opened").asLong()).isEqualTo(8);
            assertThat(total.path("targeted").path("hardBounced").asLong()).isEqualTo(1);
            assertThat(total.path("targeted").path("converted").asLong()).isEqualTo(5);
            assertThat(total.path("targeted").path("attributedRevenue").decimalValue())
                    .isEqualByComparingTo("200.00");
            assertThat(total.path("heldOut").path("converted").asLong()).isZero();
            // 5 of 18 treated converted against 0 of 2 held out
            assertThat(total.path("uplift")
                            .path("conversionRate")
                            .path("difference")
                            .asDouble())
                    .isCloseTo(5.0 / 18, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(results.path("variants")).hasSize(2);

            // replay the campaign memory: every figure comes back the same
            assertThat(api.post("/api/admin/projections/campaign-memory/replay", ApiClient.ADMIN, "")
                            .status())
                    .isEqualTo(202);
            backend.awaitProjections();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(withoutDates(results(api))).isEqualTo(withoutDates(results)));
        }
    }

    private static JsonNode results(ApiClient api) {
        return api.get("/api/campaigns/" + CAMPAIGN + "/results", ApiClient.ANALYST)
                .body();
    }

    private static JsonNode withoutDates(JsonNode results) {
        ObjectNode copy = results.deepCopy();
        copy.remove("asOf");
        return copy;
    }
}

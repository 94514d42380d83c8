package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contact-policy gate over HTTP on a real PostgreSQL: concurrent requests never pass a cap that only some of them
 * should pass, refusals say why, and a campaign launched on a segment freezes that segment's customers.
 */
class CampaignGateIT {

    private static Backend backend;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        backend = Backend.launcher(TestDatabase.newDatabase());
        api = backend.api();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void concurrentRequestsPassTheChannelCapOnlyAsOftenAsItAllows() throws Exception {
        String customer = api.register("pressure@example.com");
        grantEmail(customer);
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String campaign = define("Pressure " + i, 0);
            assertThat(launch(campaign, "{\"customerIds\":[\"" + customer + "\"]}")
                            .text("outcome"))
                    .isEqualTo("LAUNCHED");
            campaigns.add(campaign);
        }

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (String campaign : campaigns) {
            Callable<JsonNode> ask =
                    () -> contact(campaign, customer).path("decisions").get(0);
            answers.add(pool.submit(ask));
        }
        List<String> decisions = new ArrayList<>();
        for (Future<JsonNode> answer : answers) {
            JsonNode decision = answer.get();
            decisions.add(decision.path("decision").asText() + " "
                    + decision.path("reason").asText(""));
        }
        pool.shutdown();

        // the default policy allows 4 email messages in 30 days
        Map<String, Long> counted = decisions.stream()
                .map(String::strip)
                .collect(Collectors.groupingBy(decision -> decision, Collectors.counting()));
        assertThat(counted).isEqualTo(Map.of("APPROVED", 4L, "REFUSED PRESSURE_CAP_CHANNEL", 2L));
    }

    @Test
    void aCustomerWithoutConsentIsRefusedAndTheControlGroupHeldOut() {
        String withConsent = api.register("consenting@example.com");
        grantEmail(withConsent);
        String withoutConsent = api.register("silent@example.com");
        String campaign = define("Consent check", 0);
        launch(campaign, "{\"customerIds\":[\"" + withConsent + "\",\"" + withoutConsent + "\"]}");

        JsonNode bulk = api.post(
                        "/api/campaigns/" + campaign + "/contact-requests",
                        ApiClient.BACKOFFICE,
                        "{\"customerIds\":[\"" + withConsent + "\",\"" + withoutConsent + "\",\""
                                + api.register("outsider@example.com") + "\"]}")
                .body();
        assertThat(bulk.path("approved").asLong()).isEqualTo(1);
        assertThat(bulk.path("refused").path("NO_CONSENT").asLong()).isEqualTo(1);
        assertThat(bulk.path("refused").path("NOT_IN_AUDIENCE").asLong()).isEqualTo(1);

        String allControl = define("All held out", 0.5);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = api.register("held" + i + "@example.com");
            grantEmail(id);
            members.add("\"" + id + "\"");
        }
        JsonNode launched = launch(allControl, "{\"customerIds\":[" + String.join(",", members) + "]}")
                .body();
        long control = launched.path("arms").path("CONTROL").asLong();
        assertThat(control).isPositive();
        JsonNode decisions = api.post(
                        "/api/campaigns/" + allControl + "/contact-requests",
                        ApiClient.BACKOFFICE,
                        "{\"customerIds\":[" + String.join(",", members) + "]}")
                .body();
        assertThat(decisions.path("refused").path("CONTROL_GROUP").asLong()).isEqualTo(control);
        assertThat(decisions.path("approved").asLong()).isEqualTo(12 - control);
    }

    @Test
    void aLaunchOnASegmentFreezesItsCustomers() {
        String prospect = api.register("segment-prospect@example.com");
        backend.awaitProjections();
        String campaign = define("Prospects", 0);
        // written as people write it: the segment is recorded under its one code
        JsonNode launched = launch(campaign, "{\"segment\":{\"view\":\"lifecycle\",\"segment\":\"prospect\"}}")
                .body();
        assertThat(launched.path("outcome").asText()).isEqualTo("LAUNCHED");
        assertThat(launched.path("audienceSize").asLong()).isPositive();
        JsonNode decision = contact(campaign, prospect).path("decisions").get(0);
        assertThat(decision.path("reason").asText()).isEqualTo("NO_CONSENT"); // in the audience, but no consent
        backend.awaitProjections();
        assertThat(api.text("/api/campaigns/" + campaign + "/audience.csv", ApiClient.ANALYST))
                .contains(prospect + ",lifecycle PROSPECT,");

        Answer unknownSegment = launch(define("Nowhere", 0), "{\"segment\":{\"view\":\"rfm\",\"segment\":\"NOPE\"}}");
        assertThat(unknownSegment.status()).isEqualTo(400);
        assertThat(unknownSegment.body().path("errors").get(0).path("field").asText())
                .isEqualTo("segment.segment");
    }

    @Test
    void badDefinitionsNameTheirFields() {
        Answer answer = api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                {"name":"","channel":"EMAIL","controlRatio":0.7,"attributionWindowDays":0,
                 "variants":[{"code":"CONTROL","share":0.5},{"code":"B","share":0.4}]}""");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().findValuesAsText("field"))
                .contains("name", "controlRatio", "attributionWindowDays", "variants[0].code");
        String customer = api.register("taken-id@example.com");
        Answer taken = api.post(
                "/api/campaigns",
                ApiClient.BACKOFFICE,
                "{\"campaignId\":\"" + customer + "\",\"name\":\"Clash\",\"channel\":\"EMAIL\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("code")).isEqualTo("CAMPAIGN_ID_TAKEN");
        Answer nullMember = launch(define("Null member", 0), "{\"customerIds\":[null]}");
        assertThat(nullMember.status()).isEqualTo(400);
        assertThat(nullMember.body().path("errors").get(0).path("field").asText())
                .isEqualTo("customerIds");
        Answer tooCostly = api.post(
                "/api/campaigns",
                ApiClient.BACKOFFICE,
                "{\"name\":\"Costly\",\"channel\":\"EMAIL\",\"cost\":1e16,\"currency\":\"EUR\"}");
        assertThat(tooCostly.status()).isEqualTo(400);
        assertThat(api.post("/api/campaigns", ApiClient.ANALYST, "{\"name\":\"x\",\"channel\":\"EMAIL\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/campaigns/" + java.util.UUID.randomUUID() + "/contact-requests",
                                ApiClient.BACKOFFICE,
                                "{\"customerId\":\"" + java.util.UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(404);
    }

    private static void grantEmail(String customer) {
        assertThat(api.post("/api/customers/" + customer + "/consents", ApiClient.BACKOFFICE, """
                        {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT",
                         "effectiveAt":"2024-01-01T00:00:00Z"}""")
                        .text("outcome"))
                .isEqualTo("GRANTED");
    }

    private static String define(String name, double controlRatio) {
        Answer answer = api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                {"name":"%s","objective":"test","channel":"EMAIL","offer":"10%% off","controlRatio":%s,
                 "attributionWindowDays":14}""".formatted(name, controlRatio));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.text("campaignId");
    }

    private static Answer launch(String campaign, String body) {
        return api.post("/api/campaigns/" + campaign + "/launch", ApiClient.BACKOFFICE, body);
    }

    private static JsonNode contact(String campaign, String customer) {
        return api.post(
                        "/api/campaigns/" + campaign + "/contact-requests",
                        ApiClient.BACKOFFICE,
                        "{\"customerId\":\"" + customer + "\"}")
                .body();
    }
}

package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The customer file over HTTP: an import job, probable duplicates, a merge, and the data-quality report. */
class CustomerFileIT {

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
    void anUploadedFileBecomesAJobWhoseRejectedRowsCanBeDownloadedToFix() {
        String file = """
                ref;first;last;mail;tel;city;country
                C-1;ADA;LOVELACE;Ada@Example.com;+44 20 7946 0000;London;United Kingdom
                C-2;grace;hopper;grace@example.com;;Arlington;USA
                ;;;;;Nowhere;
                C-3;Alan;Turing;alan-at-example;0612345678;Paris;France
                """;
        String mapping = """
                {"source":"crm","separator":";","defaultCountry":"FR","columns":{"externalReference":"ref",
                 "firstName":"first","lastName":"last","email":"mail","phone":"tel","city":"city","country":"country"}}
                """;
        Answer submitted = api.upload(
                "/api/imports/contacts",
                ApiClient.BACKOFFICE,
                "contacts.csv",
                file.getBytes(StandardCharsets.UTF_8),
                mapping);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
        String job = submitted.location();

        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(job, ApiClient.BACKOFFICE).body(),
                        body -> body.path("status").asText().equals("COMPLETED"));
        assertThat(done.path("progress").path("rowsRead").asLong()).isEqualTo(4);
        assertThat(done.path("progress").path("rowsAccepted").asLong()).isEqualTo(3);
        assertThat(done.path("progress").path("rowsRejected").asLong()).isEqualTo(1);
        assertThat(done.path("reconciled").asBoolean()).isTrue();

        JsonNode rejections = api.get(job + "/rejections", ApiClient.BACKOFFICE).body();
        assertThat(rejections.get(0).path("lineNumber").asLong()).isEqualTo(4);
        String csv = api.text(job + "/rejections.csv", ApiClient.BACKOFFICE);
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("ref,first,last,mail,tel,city,country,rejection_line,rejection_reason");
        assertThat(csv).contains("Nowhere").contains("no external reference");
    }

    @Test
    void aBadMappingIsRefusedWithTheFieldNamed() {
        Answer answer = api.upload(
                "/api/imports/purchases",
                ApiClient.BACKOFFICE,
                "p.csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "{\"columns\":{\"orderReference\":\"a\",\"colour\":\"b\"}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo("INVALID_MAPPING");
        assertThat(answer.body().path("errors").findValuesAsText("field"))
                .contains("mapping.columns.colour", "mapping.columns.sku", "mapping.currency");
    }

    @Test
    void aProbableDuplicateCanBeMergedAndItsIdThenRedirectsToTheSurvivor() {
        String survivor = register("""
                {"firstName":"Marie","lastName":"Curie","email":"marie@example.fr",
                 "address":{"street":"1 rue Pierre et Marie Curie","postalCode":"75005","city":"Paris","country":"FR"},
                 "origin":{"source":"crm"}}""");
        String duplicate = register("""
                {"firstName":"MARIE","lastName":"CURIE","email":"m.curie@example.fr",
                 "address":{"street":"1 rue Pierre et Marie Curie","postalCode":"75005","city":"Paris","country":"FR"},
                 "origin":{"source":"shop"}}""");
        api.post(
                "/api/customers/" + duplicate + "/purchases",
                ApiClient.BACKOFFICE,
                "{\"orderReference\":\"S-1\",\"amount\":12.50,\"currency\":\"EUR\",\"channel\":\"SHOP\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode pairs =
                    api.get("/api/customers/duplicates", ApiClient.ANALYST).body();
            assertThat(pairs.findValuesAsText("rule")).contains("SAME_NAME_AND_POSTCODE");
        });

        Answer merged = api.post(
                "/api/customers/" + survivor + "/merges",
                ApiClient.BACKOFFICE,
                "{\"duplicateId\":\"" + duplicate + "\",\"reason\":\"same person, two emails\"}");
        assertThat(merged.text("outcome")).isEqualTo("MERGED");
        assertThat(api.post(
                                "/api/customers/" + survivor + "/merges",
                                ApiClient.BACKOFFICE,
                                "{\"duplicateId\":\"" + duplicate + "\"}")
                        .text("outcome"))
                .isEqualTo("ALREADY_MERGED");
        Answer refused = api.post(
                "/api/customers/" + duplicate + "/purchases",
                ApiClient.BACKOFFICE,
                "{\"orderReference\":\"S-2\",\"amount\":1,\"currency\":\"EUR\",\"channel\":\"SHOP\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("MERGED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Answer redirect = api.get("/api/customers/" + duplicate, ApiClient.ANALYST);
            assertThat(redirect.status()).isEqualTo(308);
            assertThat(redirect.location()).isEqualTo("/api/customers/" + survivor);
            JsonNode profile =
                    api.get("/api/customers/" + survivor, ApiClient.ANALYST).body();
            assertThat(profile.path("purchases").path("count").asInt()).isEqualTo(1);
            assertThat(api.get("/api/customers/duplicates", ApiClient.ANALYST)
                            .body()
                            .findValuesAsText("secondCustomerId"))
                    .doesNotContain(duplicate, survivor);
        });
        assertThat(api.post(
                                "/api/customers/" + survivor + "/merges",
                                ApiClient.BACKOFFICE,
                                "{\"duplicateId\":\"" + survivor + "\"}")
                        .text("code"))
                .isEqualTo("SAME_CUSTOMER");
    }

    @Test
    void theDataQualityReportCountsReachableCustomersNowAndAsOfThePast() {
        String reachable = register("""
                {"lastName":"Reachable","email":"reach@example.com","origin":{"source":"web"},
                 "registeredAt":"2020-01-01T00:00:00Z"}""");
        api.post("/api/customers/" + reachable + "/consents", ApiClient.BACKOFFICE, """
                {"channel":"EMAIL","purpose":"marketing","source":"web_form","legalBasis":"CONSENT",
                 "effectiveAt":"2020-02-01T00:00:00Z"}""");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now =
                    api.get("/api/reports/data-quality", ApiClient.ANALYST).body();
            assertThat(now.path("reachableByChannel").path("EMAIL").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(now.path("fields").path("email").path("filled").asLong()).isGreaterThanOrEqualTo(1);
        });
        JsonNode beforeConsent = api.get("/api/reports/data-quality?asOf=2020-01-15", ApiClient.ANALYST)
                .body();
        assertThat(beforeConsent.path("customers").asLong()).isEqualTo(1);
        assertThat(beforeConsent.path("reachableByChannel").path("EMAIL").asLong())
                .isZero();
        JsonNode afterConsent = api.get("/api/reports/data-quality?asOf=2020-03-01", ApiClient.ANALYST)
                .body();
        assertThat(afterConsent.path("reachableByAnyChannel").asLong()).isEqualTo(1);
        assertThat(afterConsent.path("phases").path("PROSPECT").asLong()).isEqualTo(1);
        assertThat(api.get("/api/reports/data-quality?asOf=yesterday", ApiClient.ANALYST)
                        .text("code"))
                .isEqualTo("INVALID_FIELD");
    }

    private static String register(String json) {
        Answer answer = api.post("/api/customers", ApiClient.BACKOFFICE, json);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.text("customerId");
    }
}

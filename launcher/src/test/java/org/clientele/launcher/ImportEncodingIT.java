package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files the importer used to get stuck on, or to read wrong: UTF-16, a NUL in the header or in a cell, Latin-1,
 * numbers of a billion digits. Each job ends, with its reason, and a good file imports fine after any of them.
 */
class ImportEncodingIT {

    private static final String MAPPING = """
            {"source":"enc","columns":{"externalReference":"ref","firstName":"first","email":"mail"}%s}""";
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
    void aUtf16FileWithAByteOrderMarkIsReadAsUtf16() {
        byte[] file = "\uFEFFref,first,mail\nU1,Jérôme,u16@example.com\n".getBytes(StandardCharsets.UTF_16LE);
        JsonNode done = finished(upload(file, ""));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").path("rowsAccepted").asLong()).isEqualTo(1);
    }

    @Test
    void aUtf16FileWithoutAByteOrderMarkFailsWithItsReasonAndTheNextFileImports() {
        byte[] file = "ref,first,mail\nU2,Ann,nobom@example.com\n".getBytes(StandardCharsets.UTF_16LE);
        JsonNode failed = finished(upload(file, ""));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asText()).contains("UTF-16");

        JsonNode good =
                finished(upload("ref,first,mail\nG1,Good,good@example.com\n".getBytes(StandardCharsets.UTF_8), ""));
        assertThat(good.path("status").asText()).as(good.toString()).isEqualTo("COMPLETED");
        assertThat(good.path("progress").path("rowsAccepted").asLong()).isEqualTo(1);
    }

    @Test
    void aNulInTheHeaderFailsTheJobAndTheNextFileImports() {
        JsonNode failed =
                finished(upload("ref,fi\u0000rst,mail\nN1,Nul,nul@example.com\n".getBytes(StandardCharsets.UTF_8), ""));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asText()).contains("U+0000").doesNotContain("\u0000");

        JsonNode good =
                finished(upload("ref,first,mail\nG2,Good,good2@example.com\n".getBytes(StandardCharsets.UTF_8), ""));
        assertThat(good.path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aLatin1FileIsRefusedUnlessItsEncodingIsGiven() {
        byte[] file = "ref,first,mail\nL1,Jérôme,latin@example.com\n".getBytes(Charset.forName("ISO-8859-1"));
        JsonNode refused = finished(upload(file, ""));
        assertThat(refused.path("status").asText()).isEqualTo("FAILED");
        assertThat(refused.path("failure").asText()).contains("encoding");

        JsonNode read = finished(upload(file, ",\"encoding\":\"ISO-8859-1\""));
        assertThat(read.path("status").asText()).as(read.toString()).isEqualTo("COMPLETED");
        backend.awaitProjections();
        JsonNode page = api.get("/api/customers?size=500", ApiClient.ANALYST).body();
        assertThat(page.toString()).contains("Jérôme").doesNotContain("J\uFFFDr");
    }

    @Test
    void aNulInACellRefusesThatRowOnly() {
        byte[] file = "ref,first,mail\nC1,Ab\u0000c,cell1@example.com\nC2,Fine,cell2@example.com\n"
                .getBytes(StandardCharsets.UTF_8);
        String job = upload(file, "");
        JsonNode done = finished(job);
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").path("rowsAccepted").asLong()).isEqualTo(1);
        assertThat(done.path("progress").path("rowsRejected").asLong()).isEqualTo(1);
        assertThat(api.get(job + "/rejections", ApiClient.BACKOFFICE).body().toString())
                .contains("U+0000");
    }

    @Test
    void aPurchaseWithANumberOfABillionDigitsIsRefusedAndTheJobCompletes() {
        String mapping = """
                {"source":"enc","currency":"GBP","columns":{"orderReference":"order","purchasedAt":"at","sku":"sku",
                 "quantity":"qty","unitPrice":"price","externalReference":"ref"}}""";
        byte[] file = ("order,at,sku,qty,price,ref\nO1,2025-03-01T10:00:00Z,S1,1,1e999999999,P1\n"
                        + "O2,2025-03-01T10:00:00Z,S1,1,1e-999999999,P1\nO3,2025-03-01T10:00:00Z,S1,1,2.50,P1\n")
                .getBytes(StandardCharsets.UTF_8);
        ApiClient.Answer submitted = api.upload("/api/imports/purchases", ApiClient.BACKOFFICE, "p.csv", file, mapping);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
        JsonNode done = finished(submitted.location());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").path("rowsRejected").asLong()).isEqualTo(2);
    }

    private static String upload(byte[] file, String options) {
        ApiClient.Answer submitted = api.upload(
                "/api/imports/contacts", ApiClient.BACKOFFICE, "contacts.csv", file, MAPPING.formatted(options));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
        return submitted.location();
    }

    private static JsonNode finished(String job) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(job, ApiClient.BACKOFFICE).body(),
                        body -> body.path("status").asText().equals("COMPLETED")
                                || body.path("status").asText().equals("FAILED"));
    }
}

package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of HTTP, where answers used to escape problem+json or limits were missing: paths Tomcat or the firewall
 * refuse, unknown methods, broken multipart bodies, oversized bodies, roles checked before parameters, and exact
 * user names. Raw sockets send what Java's HTTP client would normalise away.
 */
class HttpEdgesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Backend backend;
    private static String customer;

    @BeforeAll
    static void start() {
        backend = Backend.launcher(TestDatabase.newDatabase());
        customer = backend.api().register("edges@example.com");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    record Raw(int status, String contentType, String body, String headers) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/customers/a%2Fb",
                "/api/customers/a%5Cb",
                "/api/customers/a%00b",
                "/api/customers/a%25b",
                "/api/customers/a;b",
                "/api/customers//x",
                "/api/customers/%2e%2e/x"
            })
    void refusedPathsAnswerAProblemWithACode(String path) throws IOException {
        Raw answer = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic(ApiClient.ADMIN)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isIn("INVALID_REQUEST", "REQUEST_REJECTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "FOO", "PROPFIND"})
    void unknownMethodsAnswer405AsAProblem(String method) throws IOException {
        Raw answer = send(method + " /api/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + basic(ApiClient.ADMIN) + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as(answer.body()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void malformedMultipartIsA400Problem() throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\nemail\r\nx";
        Raw answer = send("POST /api/imports/contacts HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + basic(ApiClient.BACKOFFICE) + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("MALFORMED_MULTIPART");
    }

    @Test
    void aBodyAnnouncedTooLargeIsRefusedBeforeItIsRead() throws IOException {
        Raw answer = send("POST /api/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + basic(ApiClient.BACKOFFICE)
                + "\r\nContent-Type: application/json\r\nContent-Length: 53000000\r\nConnection: close\r\n\r\n{");
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.json().path("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws IOException {
        StringBuilder request = new StringBuilder("POST /api/customers/" + customer
                + "/purchases HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic(ApiClient.BACKOFFICE)
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String start = "{\"orderReference\":\"BIG\",\"purchasedAt\":\"2025-03-10T12:00:00Z\",\"amount\":1,"
                + "\"currency\":\"GBP\",\"channel\":\"WEB\",\"lines\":[";
        chunk(request, start);
        String line = "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":1},";
        String block = line.repeat(2000);
        for (long sent = 0; sent < 9L * 1024 * 1024; sent += block.length()) {
            chunk(request, block);
        }
        chunk(request, line + "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":1}]}");
        request.append("0\r\n\r\n");
        Raw answer = send(request.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.json().path("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void aPurchaseOfMoreThanAThousandLinesIsRefused() {
        String lines = String.join(
                ",", java.util.Collections.nCopies(1001, "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":1}"));
        ApiClient.Answer answer = backend.api()
                .post("/api/customers/" + customer + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"MANY","purchasedAt":"2025-03-10T12:00:00Z","amount":1001,
                         "currency":"GBP","channel":"WEB","lines":[%s]}""".formatted(lines));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.body().path("errors").findValuesAsText("field")).contains("lines");
    }

    @Test
    void aListedLaunchBeyondAHundredThousandCustomersIsRefused() {
        ApiClient api = backend.api();
        ApiClient.Answer campaign = api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                {"name":"Big","channel":"EMAIL","objective":"REACTIVATION","offer":"none"}""");
        String id = campaign.text("campaignId");
        List<String> ids = java.util.stream.Stream.generate(() -> "\"" + UUID.randomUUID() + "\"")
                .limit(100_001)
                .toList();
        ApiClient.Answer answer = api.post(
                "/api/campaigns/" + id + "/launch",
                ApiClient.BACKOFFICE,
                "{\"customerIds\":[" + String.join(",", ids) + "]}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.body().path("errors").findValuesAsText("field")).contains("customerIds");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/customers/%s/consents/allowed",
                "/api/segments/lifecycle/customers.csv",
                "/api/segments/lifecycle/transitions"
            })
    void aRoleWithoutAccessIsRefusedBeforeItsParametersAreRead(String path) {
        ApiClient.Answer answer = backend.api().get(path.formatted(customer), ApiClient.BACKOFFICE);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(403);
        assertThat(answer.body().path("code").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void anImportByARoleWithoutAccessIs403WhateverItsContentType() throws IOException {
        Raw answer = send("POST /api/imports/contacts HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + basic(ApiClient.ANALYST)
                + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.json().path("code").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void userNamesAreExact() {
        ApiClient.Answer answer = backend.api().get("/api/customers/" + customer, "ANALYST:analyst-dev");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(backend.api()
                        .get("/api/customers/" + customer, ApiClient.ANALYST)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownPathIsAProblem() throws IOException {
        Raw answer = send("GET /nothing/here HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic(ApiClient.ADMIN)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isNotBlank();
    }

    private static void chunk(StringBuilder request, String data) {
        request.append(Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length))
                .append("\r\n")
                .append(data)
                .append("\r\n");
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the bytes as written and reads the whole answer; the server may close early on a refused body. */
    private static Raw send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", backend.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closedEarly) {
                // the answer was given before the whole body was sent
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a reset after the answer: keep what arrived
            }
            String raw = received.toString(StandardCharsets.UTF_8);
            int headersEnd = raw.indexOf("\r\n\r\n");
            String headers = headersEnd < 0 ? raw : raw.substring(0, headersEnd);
            String body = headersEnd < 0 ? "" : raw.substring(headersEnd + 4);
            if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = Integer.parseInt(headers.split(" ")[1]);
            String contentType = headers.lines()
                    .filter(header -> header.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(header -> header.substring("content-type:".length()).strip())
                    .findFirst()
                    .orElse("");
            return new Raw(status, contentType, body, headers);
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}

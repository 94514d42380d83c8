package org.clientele.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client for the API, as a back-office system would call it. */
final class ApiClient {

    record Answer(int status, String contentType, JsonNode body, String raw, String location) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    static final String BACKOFFICE = "backoffice:backoffice-dev";
    static final String ANALYST = "analyst:analyst-dev";
    static final String AUDITOR = "auditor:auditor-dev";
    static final String ADMIN = "admin:admin-dev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer get(String path, String credentials) {
        return send(request(path, credentials).GET());
    }

    Answer post(String path, String credentials, String json) {
        return send(request(path, credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String credentials, String json) {
        return send(request(path, credentials)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A multipart upload of a file and a JSON mapping, as the import endpoint takes them. */
    Answer upload(String path, String credentials, String fileName, byte[] file, String mapping) {
        String boundary = "clientele-" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n"
                            + "Content-Type: application/json\r\n\r\n" + mapping + "\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(request(path, credentials)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The body as text, for answers that are not JSON. */
    String text(String path, String credentials) {
        try {
            return http.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a contact and answers its id. */
    String register(String email) {
        Answer answer = post("/api/customers", BACKOFFICE, """
                {"firstName":"Ada","lastName":"Lovelace","email":"%s","origin":{"source":"test"}}
                """.formatted(email));
        if (answer.status() != 201) {
            throw new AssertionError("registration failed: " + answer.raw());
        }
        return answer.text("customerId");
    }

    private HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (credentials != null) {
            builder.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null
                            || raw.isBlank()
                            || !raw.strip().startsWith("{") && !raw.strip().startsWith("[")
                    ? JSON.nullNode()
                    : JSON.readTree(raw);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    body,
                    raw,
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.clientele.platform.testing.TestDatabase;

/**
 * A fuzzer over the OpenAPI document: requests to every operation of the launcher, with parameters and bodies
 * generated from the operation's own schema, then spoiled (a field missing or of the wrong type, control
 * characters, numbers of a thousand digits, huge and tiny exponents, unknown fields, long strings, wrong ids), sent
 * with a role that may or may not call it. No answer may be a 5xx, and every 4xx is problem+json with a code. The
 * seed is fixed, so a failure is reproducible, and the count bounded, so that the build keeps its time. At the end the
 * read side must still follow the event store: no request may have poisoned a projection.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> USERS =
            List.of(ApiClient.ADMIN, ApiClient.ADMIN, ApiClient.BACKOFFICE, ApiClient.ANALYST, ApiClient.AUDITOR);

    /** Strings a careless or hostile client sends. */
    private static final List<String> HOSTILE_TEXT = List.of(
            "",
            " ",
            "Ab\u0000c",
            "\u0000",
            "line\u0007bell",
            "\u001b[31mred",
            "del\u007f",
            "c1\u0085",
            "lone \ud800 surrogate",
            "emoji 😀 and accents éàü",
            "../../etc/passwd",
            "%00",
            "%2F",
            "<script>alert(1)</script>",
            "'; DROP TABLE customer_profile; --",
            "x".repeat(5000),
            "1e1000",
            "-1",
            "null",
            "NaN");

    /** Numbers that used to exhaust memory, CPU or the JSON reader. */
    private static final List<String> HOSTILE_NUMBERS = List.of(
            "1e1000",
            "1e-999999999",
            "1e999999999",
            "1e100000000",
            "-1e308",
            "1" + "0".repeat(1002),
            "0." + "0".repeat(1100) + "1",
            "123456789012345678901234567890.5",
            "0.0000000000001",
            "-0",
            "-12.5",
            "2147483648",
            "-9223372036854775809",
            "0");

    private static Backend backend;
    private static List<Operation> operations;
    private static String customerId;
    private static String campaignId;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<String, String> FAULTS = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final Map<String, AtomicInteger> STATUSES = new ConcurrentHashMap<>();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Operation(String method, String path, JsonNode definition) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeContainer
    static void start() throws IOException {
        backend = Backend.launcher(TestDatabase.newDatabase());
        ApiClient api = backend.api();
        customerId = api.register("fuzz@example.com");
        ApiClient.Answer campaign = api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                {"name":"Fuzz","channel":"EMAIL","objective":"REACTIVATION","offer":"none"}""");
        campaignId = campaign.status() == 201
                ? campaign.text("campaignId")
                : UUID.randomUUID().toString();
        JsonNode document = api.get("/v3/api-docs", ApiClient.ADMIN).body();
        operations = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(method ->
                                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()))));
        assertThat(operations).hasSizeGreaterThan(40);
        components = document.path("components").path("schemas");
    }

    private static JsonNode components;

    @AfterContainer
    static void readSideStillFollows() {
        try {
            System.out.println("Fuzz: " + SENT.get() + " requests over " + operations.size() + " operations; statuses "
                    + new java.util.TreeMap<>(STATUSES));
            FAULTS.forEach((fault, example) -> System.out.println("Fuzz fault: " + fault + "\n    " + example));
            assertThat(FAULTS.keySet())
                    .as("operations that answered 5xx or refused without a problem")
                    .isEmpty();
            ApiClient api = backend.api();
            String after = api.register("after-fuzz@example.com");
            backend.awaitProjections();
            assertThat(api.get("/api/customers/" + after, ApiClient.ANALYST).status())
                    .isEqualTo(200);
        } finally {
            backend.close();
        }
    }

    @Property(tries = 2500, seed = "20261204", shrinking = ShrinkingMode.OFF, generation = GenerationMode.RANDOMIZED)
    void noAnswerIsAServerErrorAndEveryRefusalIsAProblem(@ForAll("operations") Operation operation, @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        HttpRequest request = request(operation, random);
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        SENT.incrementAndGet();
        STATUSES.computeIfAbsent(String.valueOf(response.statusCode()), key -> new AtomicInteger())
                .incrementAndGet();
        String described = request.method() + " " + request.uri() + " -> " + response.statusCode() + " "
                + abbreviate(response.body());
        String fault = fault(response);
        if (fault != null) {
            // every fault is gathered and reported together at the end, one example per operation and kind
            FAULTS.putIfAbsent(operation + " " + fault, described);
        }
    }

    private static String fault(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            return "answered " + response.statusCode();
        }
        if (response.statusCode() < 400) {
            return null;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "refused without problem+json";
        }
        try {
            return JSON.readTree(response.body()).path("code").asText().isBlank() ? "refused without a code" : null;
        } catch (IOException unreadable) {
            return "refused with an unreadable problem";
        }
    }

    @Provide
    Arbitrary<Operation> operations() {
        return Arbitraries.of(operations);
    }

    private static HttpRequest request(Operation operation, Random random) {
        StringBuilder query = new StringBuilder();
        String path = operation.path();
        for (JsonNode parameter : operation.definition().path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            boolean required = parameter.path("required").asBoolean();
            if (!required && random.nextInt(3) == 0) {
                continue;
            }
            String value = scalar(name, resolve(parameter.path("schema")), random);
            if (value == null) {
                continue;
            }
            if ("path".equals(in)) {
                path = path.replace("{" + name + "}", encode(value));
            } else if ("query".equals(in)) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(encode(name))
                        .append('=')
                        .append(encode(value));
            }
        }
        Matcher left = PATH_PARAMETER.matcher(path);
        path = left.replaceAll(match -> encode(UUID.randomUUID().toString()));
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base() + path + query)).timeout(Duration.ofSeconds(30));
        String user = USERS.get(random.nextInt(USERS.size()));
        if (random.nextInt(40) != 0) {
            builder.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode content = operation.definition().path("requestBody").path("content");
        String method = operation.method().toUpperCase(java.util.Locale.ROOT);
        if (content.has("multipart/form-data")) {
            String boundary = "fuzz" + random.nextInt(1_000_000);
            builder.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            return builder.method(method, HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, random)))
                    .build();
        }
        if (content.size() > 0 || random.nextInt(10) == 0) {
            JsonNode schema = content.path("application/json").path("schema");
            String body = random.nextInt(25) == 0
                    ? broken(random)
                    : value(resolve(schema), random, 0).toString();
            builder.header("Content-Type", random.nextInt(30) == 0 ? "text/plain" : "application/json");
            return builder.method(method, HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
        return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    /** A value for a parameter: a valid one mostly, a hostile one often. */
    private static String scalar(String name, JsonNode schema, Random random) {
        if (random.nextInt(4) == 0) {
            return random.nextBoolean()
                    ? HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()))
                    : HOSTILE_NUMBERS.get(random.nextInt(HOSTILE_NUMBERS.size()));
        }
        JsonNode value = value(schema, random, 0);
        if (name.toLowerCase(java.util.Locale.ROOT).contains("id") && random.nextInt(3) != 0) {
            return random.nextBoolean() ? customerId : campaignId;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String reference = current.path("$ref").asText();
            current = components.path(reference.substring(reference.lastIndexOf('/') + 1));
        }
        return current;
    }

    /** A JSON value after the schema, spoiled now and then; deep structures stop at a few levels. */
    private static JsonNode value(JsonNode schema, Random random, int depth) {
        schema = resolve(schema);
        if (random.nextInt(15) == 0) {
            return hostile(random);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode choices = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            return value(choices.get(random.nextInt(choices.size())), random, depth);
        }
        if (schema.has("enum")) {
            JsonNode values = schema.path("enum");
            return random.nextInt(8) == 0 ? NODES.textNode("NOT_A_VALUE") : values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                Iterator<Map.Entry<String, JsonNode>> properties =
                        schema.path("properties").fields();
                while (properties.hasNext()) {
                    var property = properties.next();
                    boolean isRequired = required.contains(property.getKey());
                    if ((isRequired && random.nextInt(20) == 0) || (!isRequired && random.nextInt(3) == 0)) {
                        continue;
                    }
                    object.set(property.getKey(), value(property.getValue(), random, depth + 1));
                }
                if (random.nextInt(25) == 0) {
                    object.put("unexpected" + random.nextInt(10), "field");
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = depth > 4 ? 0 : random.nextInt(random.nextInt(20) == 0 ? 60 : 4);
                for (int i = 0; i < size; i++) {
                    array.add(value(schema.path("items"), random, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(200) - 20);
            }
            case "number" -> {
                if (random.nextInt(4) == 0) {
                    return NODES.numberNode(
                            new BigDecimal(HOSTILE_NUMBERS.get(random.nextInt(HOSTILE_NUMBERS.size()))));
                }
                return NODES.numberNode(BigDecimal.valueOf(random.nextInt(100_000) - 1_000, 2));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(text(format, random));
            }
        }
    }

    private static String text(String format, Random random) {
        if (random.nextInt(6) == 0) {
            return HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
        }
        return switch (format) {
            case "uuid" ->
                switch (random.nextInt(3)) {
                    case 0 -> customerId;
                    case 1 -> campaignId;
                    default -> UUID.randomUUID().toString();
                };
            case "date-time" ->
                random.nextInt(5) == 0
                        ? "9999-12-31T23:59:59Z"
                        : "2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:00:00Z";
            case "date" -> random.nextInt(5) == 0 ? "0000-01-01" : "2025-0" + (1 + random.nextInt(9)) + "-15";
            case "email" -> "f" + random.nextInt(1000) + "@example.com";
            default ->
                switch (random.nextInt(5)) {
                    case 0 -> "f" + random.nextInt(1000) + "@example.com";
                    case 1 -> "P" + random.nextInt(90);
                    case 2 -> "GBP";
                    default -> "text" + random.nextInt(1000);
                };
        };
    }

    private static JsonNode hostile(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())));
            case 2 -> NODES.numberNode(new BigDecimal(HOSTILE_NUMBERS.get(random.nextInt(HOSTILE_NUMBERS.size()))));
            case 3 -> NODES.arrayNode().add(1).add("two");
            case 4 -> NODES.objectNode().put("nested", "object");
            default -> NODES.booleanNode(true);
        };
    }

    private static String broken(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "{";
            case 1 -> "{\"a\":\"\\u0000\"";
            case 2 -> "[1,2,";
            case 3 -> "not json at all";
            default -> "{\"amount\": 1e1000000000}";
        };
    }

    private static byte[] multipart(String boundary, Random random) {
        var body = new ByteArrayOutputStream();
        byte[] file = switch (random.nextInt(4)) {
            case 0 -> "email;first_name\nfuzz@example.com;Ab\u0000c\n".getBytes(StandardCharsets.UTF_8);
            case 1 -> "\uFEFFemail\nx@example.com\n".getBytes(StandardCharsets.UTF_16);
            case 2 -> new byte[] {(byte) 0xC3, 0x28, 0x0A, 0x00, (byte) 0xFF};
            default -> "email;amount\nfuzz@example.com;1e999999999\n".getBytes(StandardCharsets.UTF_8);
        };
        String mapping = random.nextBoolean() ? "{\"kind\":\"CONTACTS\",\"columns\":{\"email\":\"email\"}}" : "{";
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n");
        body.writeBytes(file);
        write(
                body,
                "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + mapping + "\r\n");
        if (random.nextInt(5) != 0) {
            write(body, "--" + boundary + "--\r\n");
        }
        return body.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String base() {
        return "http://localhost:" + backend.port();
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}

package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event that a projection cannot handle is set aside in its dead-letter queue, and every other customer's view
 * stays current: through a restart, a retry and a replay. The write side now refuses both poisons, so the test
 * writes them into the event store directly, as a store written by an earlier version would hold them.
 */
class DeadLetterIT {

    private static final String PROFILE = "customer-profile";

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void poisonedEventsAreSetAsideAndLaterCustomersStillAppear(
            org.springframework.boot.test.system.CapturedOutput output) {
        String database = TestDatabase.newDatabase();
        String nulCustomer;
        String hugeCustomer;
        try (Backend backend = Backend.launcher(database)) {
            ApiClient api = backend.api();
            JdbcTemplate jdbc = backend.bean(JdbcTemplate.class);
            nulCustomer = api.register("nul@example.com");
            hugeCustomer = api.register("huge@example.com");
            purchase(api, nulCustomer, "POISON-NUL", "10.00");
            purchase(api, hugeCustomer, "POISON-HUGE", "20.00");
            backend.awaitProjections();

            // a NUL in an order reference: readable, but PostgreSQL's text columns cannot hold it
            poison(jdbc, nulCustomer, payload -> payload.replace("POISON-NUL", "POI\\u0000SON"));
            // an amount of 1,003 digits: the JSON reader refuses to read it back
            poison(
                    jdbc,
                    hugeCustomer,
                    payload -> payload.replaceFirst(
                            "\"amount\":\\{\"amount\":[0-9.]+", "\"amount\":{\"amount\":1" + "0".repeat(1002)));
            String later = api.register("later@example.com");
            purchase(api, later, "LATER-1", "30.00");

            backend.awaitProjections();
            assertThat(api.get("/api/customers/" + later, ApiClient.ANALYST)
                            .body()
                            .path("purchases")
                            .path("count")
                            .asInt())
                    .isEqualTo(1);
            JsonNode letters = deadLetters(api);
            assertThat(letters.path("deadLetters").asLong()).isEqualTo(2);
            assertThat(letters.path("items").findValuesAsText("sequence"))
                    .containsExactlyInAnyOrder(nulCustomer, hugeCustomer);
            assertThat(letters.path("items").findValuesAsText("eventType")).containsOnly("PurchaseRecorded");
            assertThat(letters.path("items").findValuesAsText("causeMessage"))
                    .allSatisfy(cause -> assertThat(cause).doesNotContain("\u0000"));
            assertThat(status(api, PROFILE).path("deadLetters").asLong()).isEqualTo(2);
            assertThat(gauge(api)).isEqualTo(2.0);

            // an append that breaks the store's unique key fails naming the aggregate and sequence, never the rows:
            // the driver would print the batch's parameters, payloads in hex
            var storage = backend.bean(org.axonframework.eventsourcing.eventstore.EventStorageEngine.class);
            Throwable conflict = org.assertj.core.api.Assertions.catchThrowable(
                    () -> storage.appendEvents(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                            "Customer", nulCustomer, 0, new Probe("a payload to keep out of errors"))));
            assertThat(conflict).hasMessageContaining("duplicate key");
            for (Throwable cause = conflict; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage()))
                        .doesNotContain("\\x7b22")
                        .doesNotContain("a payload to keep out of errors");
            }

            // the poisoned customer's later event waits behind its letter, so that its order holds; when its
            // append meets the hand-written event's sequence number (the aggregate still cached), the log prints
            // no rows either
            purchase(api, nulCustomer, "AFTER-POISON", "40.00");
            assertThat(output.getAll()).doesNotContain("'\\x7b22");
            backend.awaitProjections();
            assertThat(api.get("/api/customers/" + nulCustomer, ApiClient.ANALYST)
                            .body()
                            .path("purchases")
                            .path("count")
                            .asInt())
                    .isEqualTo(1);
            assertThat(deadLetters(api).path("deadLetters").asLong()).isEqualTo(3);

            // a retry meets the same poison: the letters stay, with their cause
            JsonNode retry = api.post("/api/admin/projections/" + PROFILE + "/dead-letters/retry", ApiClient.ADMIN, "")
                    .body();
            assertThat(retry.path("sequencesTried").asInt()).isEqualTo(2);
            assertThat(retry.path("sequencesCleared").asInt()).isZero();
            assertThat(retry.path("deadLettersLeft").asLong()).isEqualTo(3);

            // the admin API names what it does not know, and is for admins only
            assertThat(api.get("/api/admin/projections/no-such/dead-letters", ApiClient.ADMIN)
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/admin/projections/" + PROFILE + "/dead-letters", ApiClient.ANALYST)
                            .status())
                    .isEqualTo(403);
        }

        try (Backend restarted = Backend.launcher(database)) {
            ApiClient api = restarted.api();
            String afterRestart = api.register("after-restart@example.com");
            restarted.awaitProjections();
            assertThat(api.get("/api/customers/" + afterRestart, ApiClient.ANALYST)
                            .status())
                    .isEqualTo(200);
            assertThat(deadLetters(api).path("deadLetters").asLong()).isEqualTo(3);

            assertThat(api.post("/api/admin/projections/" + PROFILE + "/replay", ApiClient.ADMIN, "")
                            .status())
                    .isEqualTo(202);
            restarted.awaitProjections();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(api.get("/api/customers/" + afterRestart, ApiClient.ANALYST)
                                .status())
                        .isEqualTo(200);
                assertThat(deadLetters(api).path("items").findValuesAsText("sequence"))
                        .containsExactlyInAnyOrder(nulCustomer, hugeCustomer, nulCustomer);
            });
            assertThat(api.get("/api/customers/" + hugeCustomer, ApiClient.ANALYST)
                            .body()
                            .path("purchases")
                            .path("count")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    private static void purchase(ApiClient api, String customer, String reference, String amount) {
        ApiClient.Answer answer = api.post(
                "/api/customers/" + customer + "/purchases", ApiClient.BACKOFFICE, """
                {"orderReference":"%s","purchasedAt":"2025-03-10T12:00:00Z","amount":%s,
                 "currency":"GBP","channel":"WEB"}""".formatted(reference, amount));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    }

    /** Appends a copy of the customer's newest purchase, changed, as the customer's next event. */
    private static void poison(JdbcTemplate jdbc, String customer, java.util.function.UnaryOperator<String> change) {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                customer,
                "%PurchaseRecorded");
        String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8);
        String poisoned = change.apply(payload);
        assertThat(poisoned).isNotEqualTo(payload);
        Long next = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                customer);
        List<Object> values = new ArrayList<>(List.of(
                UUID.randomUUID().toString(),
                customer,
                next,
                row.get("type"),
                row.get("time_stamp"),
                row.get("payload_type"),
                row.get("payload_revision"),
                poisoned.getBytes(StandardCharsets.UTF_8)));
        values.add(row.get("meta_data"));
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values.toArray());
    }

    private static JsonNode deadLetters(ApiClient api) {
        ApiClient.Answer answer = api.get("/api/admin/projections/" + PROFILE + "/dead-letters", ApiClient.ADMIN);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode status(ApiClient api, String name) {
        for (JsonNode projection :
                api.get("/api/admin/projections", ApiClient.ADMIN).body()) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private static double gauge(ApiClient api) {
        ApiClient.Answer answer = api.get(
                "/actuator/metrics/clientele.projection.dead.letters?tag=projection:" + PROFILE, ApiClient.ADMIN);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body().path("measurements").get(0).path("value").asDouble();
    }

    /** An object payload, serialised as JSON ({@code {"} is {@code \\x7b22} in hex). */
    record Probe(String text) {}
}

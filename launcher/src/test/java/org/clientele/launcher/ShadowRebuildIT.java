package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A shadow rebuild builds every read model anew beside the live one and puts it in place at once: the rebuilt
 * tables hold what following the events live gives, queries never fail or see an empty view while it runs, the
 * events appended meanwhile are in the new generation exactly once, and a rebuild killed midway leaves the live
 * views as they were and resumes on the next start.
 */
class ShadowRebuildIT {

    /** Every table of every projection of the read side. */
    static final List<String> TABLES = List.of(
            "customer_profile",
            "customer_purchase",
            "customer_consent",
            "contact_version",
            "purchase_line",
            "consent_ledger",
            "preference_version",
            "campaign",
            "campaign_variant",
            "campaign_member",
            "campaign_contact",
            "campaign_outcome",
            "campaign_purchase");

    /**
     * What depends on when or in how many batches a row was written, not on the events: the write's sequence
     * number, the number of batches that touched a profile, and the instant the phase was assessed at.
     */
    static final Set<String> VOLATILE = Set.of("change_seq", "revision", "phase_assessed_at", "phase_valid_until");

    private static final String CAMPAIGN = "5d2c9a51-7c1e-4c55-9b1a-000000000042";

    private ChildProcess child;

    @AfterEach
    void killTheChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void aShadowRebuildGivesTheLiveViewsWhileQueriesAndWritesGoOn() throws Exception {
        try (Backend backend = Backend.launcher(
                TestDatabase.newDatabase(),
                "--clientele.rebuild.batch-events=100",
                "--clientele.rebuild.max-events-per-second=400")) {
            ApiClient api = backend.api();
            JdbcTemplate jdbc = backend.bean(JdbcTemplate.class);
            List<String> customers = seed(api, 0, 40);
            backend.awaitProjections();
            Map<String, List<Map<String, Object>>> before = views(jdbc);
            List<String> indexesBefore = indexes(jdbc);
            assertThat(indexesBefore).anyMatch(index -> index.contains("purchase_line_sku_idx"));
            assertThat(before.get("customer_profile")).hasSize(40);
            assertThat(before.get("campaign_contact")).isNotEmpty();
            assertThat(before.get("preference_version")).isNotEmpty();
            assertThat(before.get("consent_ledger")).isNotEmpty();

            AtomicBoolean going = new AtomicBoolean(true);
            AtomicInteger queries = new AtomicInteger();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Set<String> written = ConcurrentHashMap.newKeySet();
            ExecutorService load = Executors.newFixedThreadPool(2);
            load.submit(() -> {
                while (going.get()) {
                    ApiClient.Answer profile = api.get("/api/customers/" + customers.get(5), ApiClient.ANALYST);
                    ApiClient.Answer page = api.get("/api/customers?size=100", ApiClient.ANALYST);
                    if (profile.status() != 200
                            || page.status() != 200
                            || page.body().path("totalItems").asLong() < 40) {
                        failures.add(profile.status() + " " + page.status() + " " + page.raw());
                    }
                    queries.incrementAndGet();
                }
            });
            load.submit(() -> {
                for (int i = 0; going.get(); i++) {
                    String id = api.register("during" + i + "@example.com");
                    api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                            {"orderReference":"D-%d","purchasedAt":"2025-03-01T10:00:00Z","amount":12.50,
                             "currency":"EUR","channel":"WEB","lines":[{"sku":"TEA-1","quantity":2,"unitPrice":6.25}]}""".formatted(i));
                    written.add(id);
                    sleep(50);
                }
            });

            ApiClient.Answer started = api.post("/api/admin/projections/rebuild", ApiClient.ADMIN, "{}");
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            assertThat(started.body().path("projections").size()).isEqualTo(4);
            JsonNode midway = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> api.get("/api/admin/projections/rebuild", ApiClient.ADMIN)
                                    .body(),
                            progress -> progress.path("position").asLong() > 0
                                    || "DONE".equals(progress.path("state").asText()));
            assertThat(midway.path("head").asLong()).isPositive();
            JsonNode done = await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> api.get("/api/admin/projections/rebuild", ApiClient.ADMIN)
                                    .body(),
                            progress -> !progress.path("state").asText().equals("CATCHING_UP")
                                    && !progress.path("state").asText().equals("MAKING_DURABLE")
                                    && !progress.path("state").asText().equals("SWITCHING"));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
            // what cannot be rebuilt is named
            ApiClient.Answer unknown =
                    api.post("/api/admin/projections/rebuild", ApiClient.ADMIN, "{\"projections\":[\"no-such\"]}");
            assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
            assertThat(unknown.text("code")).isEqualTo("INVALID_PARAMETER");
            assertThat(unknown.raw()).contains("\"field\":\"projections[0]\"", "customer-profile");
            ApiClient.Answer missing = api.post("/api/admin/projections/no-such/rebuild", ApiClient.ADMIN, "");
            assertThat(missing.status()).as(missing.raw()).isEqualTo(404);
            assertThat(missing.text("code")).isEqualTo("PROJECTION_NOT_FOUND");
            assertThat(api.post("/api/admin/projections/rebuild", ApiClient.ANALYST, "{}")
                            .status())
                    .isEqualTo(403);
            sleep(500); // writes and queries go on after the switch too
            going.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            backend.awaitProjections();

            System.out.println("Shadow rebuild test: " + done.path("events").asLong() + " events rebuilt, "
                    + written.size() + " customers written and " + queries.get() + " queries answered meanwhile");
            assertThat(failures).as("queries during the rebuild").isEmpty();
            assertThat(queries.get()).isPositive();
            assertThat(written).isNotEmpty();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_profile", Long.class))
                    .isEqualTo(40L + written.size());
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM customer_purchase WHERE order_reference LIKE 'D-%'", Long.class))
                    .as("each purchase written during the rebuild, exactly once")
                    .isEqualTo(written.size());
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'clientele_re%'", Long.class))
                    .as("the shadow and retired schemas are gone")
                    .isZero();
            assertThat(indexes(jdbc))
                    .as("the new generation has every index of the old, those built after the load included")
                    .containsExactlyElementsOf(indexesBefore);
            JsonNode status = api.get("/api/admin/projections", ApiClient.ADMIN).body();
            status.forEach(projection -> assertThat(projection.path("replaying").asBoolean())
                    .as(projection.toString())
                    .isFalse());

            // the rebuilt generation holds exactly what the processors give by following every event from the start
            Map<String, List<Map<String, Object>>> rebuilt = views(jdbc);
            for (String projection :
                    List.of("customer-profile", "consent-ledger", "customer-preferences", "campaign-memory")) {
                assertThat(api.post("/api/admin/projections/" + projection + "/replay", ApiClient.ADMIN, "")
                                .status())
                        .isEqualTo(202);
            }
            backend.awaitProjections();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSameViews(views(jdbc), rebuilt));
            // and the segment views read the new tables
            assertThat(api.get("/api/segments/lifecycle", ApiClient.ANALYST).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aRebuildKilledMidwayLeavesTheLiveViewsAndResumesOnTheNextStart() throws Exception {
        String database = TestDatabase.newDatabase();
        Map<String, List<Map<String, Object>>> before;
        try (Backend backend = Backend.launcher(database)) {
            seed(backend.api(), 0, 60);
            backend.awaitProjections();
            before = views(backend.bean(JdbcTemplate.class));
        }
        JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(database, "postgres", ""));
        long head = direct.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        child = ChildProcess.start(
                "launcher",
                database,
                "--clientele.rebuild.batch-events=20",
                "--clientele.rebuild.max-events-per-second=100");
        ApiClient api = child.api();
        assertThat(api.post("/api/admin/projections/rebuild", ApiClient.ADMIN, "")
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/admin/projections/rebuild", ApiClient.ADMIN)
                                .body()
                                .path("position")
                                .asLong()
                        > head / 3);
        child.kill();

        assertSameViews(views(direct), before);
        assertThat(direct.queryForObject("SELECT events FROM clientele_rebuild.rebuild_progress", Long.class))
                .as("the interrupted rebuild's progress is kept")
                .isPositive()
                .isLessThan(head);

        try (Backend restarted = Backend.launcher(database)) {
            ApiClient again = restarted.api();
            JsonNode done = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> again.get("/api/admin/projections/rebuild", ApiClient.ADMIN),
                            answer -> answer.status() == 200
                                    && !answer.body().path("state").asText().equals("CATCHING_UP")
                                    && !answer.body().path("state").asText().equals("MAKING_DURABLE")
                                    && !answer.body().path("state").asText().equals("SWITCHING"))
                    .body();
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.path("eventsThisRun").asLong())
                    .as("resumed from the last batch, not from the start")
                    .isLessThan(head);
            restarted.awaitProjections();
            assertSameViews(views(restarted.bean(JdbcTemplate.class)), before);
        }
    }

    /** Customers with purchases and lines, consents granted and withdrawn, preferences, a churn, a campaign. */
    static List<String> seed(ApiClient api, int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String id = api.register("rebuild" + i + "@example.com");
            ids.add(id);
            for (int order = 0; order < i % 4; order++) {
                must(api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"O-%d","purchasedAt":"2025-0%d-10T12:00:00Z","amount":%d.99,
                         "currency":"EUR","channel":"WEB","lines":[{"sku":"SKU-%d","quantity":1,"unitPrice":%d.99}]}""".formatted(
                                order, order + 1, 10 + i, order, 10 + i)));
            }
            if (i % 3 == 0) {
                must(api.post("/api/customers/" + id + "/consents", ApiClient.BACKOFFICE, """
                        {"channel":"EMAIL","purpose":"marketing","source":"shop","legalBasis":"CONSENT"}"""));
            }
            if (i % 9 == 0) {
                must(api.post("/api/customers/" + id + "/consents/withdrawals", ApiClient.BACKOFFICE, """
                        {"channel":"EMAIL","purpose":"marketing","source":"shop"}"""));
            }
            if (i % 5 == 0) {
                must(api.put("/api/customers/" + id + "/preferences", ApiClient.BACKOFFICE, """
                        {"preferredChannels":["EMAIL"],"maxMessages":2,"periodDays":30}"""));
            }
            if (i % 7 == 0) {
                must(api.post("/api/customers/" + id + "/churn", ApiClient.BACKOFFICE, "{\"reason\":\"PRICE\"}"));
            }
        }
        must(api.post("/api/campaigns", ApiClient.BACKOFFICE, """
                {"campaignId":"%s","name":"Rebuild","channel":"EMAIL","controlRatio":0.1}""".formatted(CAMPAIGN)));
        must(api.post(
                "/api/campaigns/" + CAMPAIGN + "/launch",
                ApiClient.BACKOFFICE,
                "{\"customerIds\":[\"" + String.join("\",\"", ids) + "\"]}"));
        must(api.post(
                "/api/campaigns/" + CAMPAIGN + "/contact-requests", ApiClient.BACKOFFICE, "{\"wholeAudience\":true}"));
        must(api.post("/api/campaigns/" + CAMPAIGN + "/outcomes", ApiClient.BACKOFFICE, """
                {"customerId":"%s","outcome":"SENT"}""".formatted(ids.get(0))));
        return ids;
    }

    private static ApiClient.Answer must(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isBetween(200, 299);
        return answer;
    }

    /** Every table's rows in a fixed order, without the columns that say when they were written. */
    static Map<String, List<Map<String, Object>>> views(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> views = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<String> columns = jdbc
                    .queryForList(
                            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                                    + " AND table_name = ? ORDER BY ordinal_position",
                            String.class,
                            table)
                    .stream()
                    .filter(column -> !VOLATILE.contains(column))
                    .toList();
            StringBuilder order = new StringBuilder();
            for (int i = 1; i <= columns.size(); i++) {
                order.append(i == 1 ? "" : ", ").append(i);
            }
            views.put(
                    table,
                    jdbc.query(
                            "SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY " + order,
                            (rows, n) -> row(rows)));
        }
        return views;
    }

    private static Map<String, Object> row(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rows.getObject(i);
            if (value instanceof byte[] bytes) {
                value = HexFormat.of().formatHex(bytes);
            } else if (value instanceof Array array) {
                value = List.of((Object[]) array.getArray());
            }
            row.put(meta.getColumnName(i), value);
        }
        return row;
    }

    /**
     * An append that allocated its global index before the rebuild read past it, and commits only after the switch,
     * is a gap in the rebuild's token: the processors, restarted from that token, pick it up as Axon always does.
     */
    @Test
    void anEventCommittedLateInAGapReachesTheRebuiltViews() throws Exception {
        try (Backend backend = Backend.launcher(TestDatabase.newDatabase(), "--clientele.rebuild.batch-events=50")) {
            ApiClient api = backend.api();
            JdbcTemplate jdbc = backend.bean(JdbcTemplate.class);
            seed(api, 0, 10);
            String late = api.register("late@example.com");
            backend.awaitProjections();
            long sequence = jdbc.queryForObject(
                    "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class,
                    late);
            var storage = backend.bean(org.axonframework.eventsourcing.eventstore.EventStorageEngine.class);
            var transactions = new org.springframework.transaction.support.TransactionTemplate(
                    backend.bean(org.springframework.transaction.PlatformTransactionManager.class));
            java.util.concurrent.CountDownLatch appended = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
            ExecutorService holder = Executors.newSingleThreadExecutor();
            var held = holder.submit(() -> transactions.executeWithoutResult(status -> {
                storage.appendEvents(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                        "Customer",
                        late,
                        sequence + 1,
                        new org.clientele.events.customer.CustomerChurned(
                                new org.clientele.events.customer.CustomerId(java.util.UUID.fromString(late)),
                                org.clientele.events.customer.ChurnReason.PRICE,
                                null,
                                java.time.Instant.now())));
                appended.countDown();
                try {
                    assertThat(commit.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            Long gap = jdbc.queryForObject(
                    "SELECT max(global_index) + 1 FROM domain_event_entry", Long.class); // the held one's, at least
            seed(api, 10, 5); // committed past the held event's index
            backend.awaitProjections();

            assertThat(api.post("/api/admin/projections/rebuild", ApiClient.ADMIN, "{}")
                            .status())
                    .isEqualTo(202);
            JsonNode done = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> api.get("/api/admin/projections/rebuild", ApiClient.ADMIN)
                                    .body(),
                            progress -> Set.of("DONE", "FAILED")
                                    .contains(progress.path("state").asText()));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(api.get("/api/customers/" + late, ApiClient.ANALYST)
                                    .body()
                                    .path("churn")
                                    .isMissingNode()
                            || api.get("/api/customers/" + late, ApiClient.ANALYST)
                                    .body()
                                    .path("churn")
                                    .isNull())
                    .as("the held event is not committed yet")
                    .isTrue();
            String token = jdbc.queryForObject(
                    "SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = 'customer-profile'",
                    String.class);
            assertThat(token).as("the rebuilt profile's token keeps the gap").contains("\"gaps\":[" + gap);

            commit.countDown();
            held.get(30, TimeUnit.SECONDS);
            holder.shutdown();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(api.get("/api/customers/" + late, ApiClient.ANALYST)
                                    .body()
                                    .path("churn")
                                    .path("reason")
                                    .asText())
                            .isEqualTo("PRICE"));
        }
    }

    /** Every index of the live schema, as PostgreSQL would create it again. */
    private static List<String> indexes(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname", String.class);
    }

    static void assertSameViews(
            Map<String, List<Map<String, Object>>> actual, Map<String, List<Map<String, Object>>> expected) {
        for (String table : TABLES) {
            assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clientele.command.CommandSideApplication;
import org.clientele.launcher.ApiClient.Answer;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.QuerySideApplication;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two sides as separate applications on one shared PostgreSQL: the query side tails the event store through
 * its token store, and two command-side instances writing to one customer rely on optimistic concurrency.
 */
class TwoProcessIT {

    @Test
    void theQuerySideSeesWhatTheCommandSideWrote() throws Exception {
        String database = TestDatabase.newDatabase();
        try (Backend writer = Backend.start(CommandSideApplication.application(), Backend.withDatabase(database));
                Backend otherWriter =
                        Backend.start(CommandSideApplication.application(), Backend.withDatabase(database));
                Backend reader = Backend.start(QuerySideApplication.application(), Backend.withDatabase(database))) {
            ApiClient commands = writer.api();
            ApiClient views = reader.api();

            String id = commands.register("two@example.com");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(views.get("/api/customers/" + id, ApiClient.ANALYST)
                                    .status())
                            .isEqualTo(200));

            // the write side alone answers no reads, the read side alone takes no commands
            assertThat(commands.get("/api/customers/" + id, ApiClient.ADMIN).status())
                    .isIn(404, 405);
            assertThat(views.post("/api/customers", ApiClient.ADMIN, "{}").status())
                    .isIn(404, 405);

            // two instances append to the same stream at once: every purchase lands exactly once
            List<ApiClient> instances = List.of(commands, otherWriter.api());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ApiClient instance = instances.get(i % 2);
                String body = "{\"orderReference\":\"C-%d\",\"amount\":1,\"currency\":\"EUR\",\"channel\":\"WEB\"}"
                        .formatted(i);
                answers.add(pool.submit(
                        () -> instance.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, body)));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().raw()).isEqualTo(201);
            }
            pool.shutdown();
            Long stored = writer.bean(JdbcTemplate.class)
                    .queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, id);
            assertThat(stored).isEqualTo(41);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(views.get("/api/customers/" + id, ApiClient.ANALYST)
                                    .body()
                                    .path("purchases")
                                    .path("count")
                                    .asInt())
                            .isEqualTo(40));
        }
    }
}

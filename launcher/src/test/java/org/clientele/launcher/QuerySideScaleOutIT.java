package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.clientele.command.CommandSideApplication;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.QuerySideApplication;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two query-side processes share the live following of each projection through Axon's segments and the token store:
 * each claims one of the two segments, both write the same tables, and both answer every query from them.
 */
class QuerySideScaleOutIT {

    private static final String[] SHARED = {
        "--clientele.processing.segments=2", "--clientele.processing.max-claimed-segments=1"
    };

    @Test
    void twoQuerySidesShareTheSegmentsAndBothAnswer() throws Exception {
        String database = TestDatabase.newDatabase();
        try (Backend writer = Backend.start(CommandSideApplication.application(), Backend.withDatabase(database));
                Backend first =
                        Backend.start(QuerySideApplication.application(), Backend.withDatabase(database, SHARED));
                ChildProcess second = ChildProcess.start("query-side", database, SHARED)) {
            JdbcTemplate jdbc = writer.bean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(jdbc.queryForList(
                                    "SELECT DISTINCT owner FROM token_entry WHERE processor_name = 'customer-profile'"
                                            + " AND owner IS NOT NULL",
                                    String.class))
                            .as("each process owns one segment")
                            .hasSize(2));

            ApiClient commands = writer.api();
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String id = commands.register("shared" + i + "@example.com");
                customers.add(id);
                commands.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                        {"orderReference":"S-%d","amount":10,"currency":"EUR","channel":"WEB"}""".formatted(i));
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_purchase", Long.class))
                                    .isEqualTo(30));
            for (ApiClient reader : List.of(first.api(), second.api())) {
                for (String id : customers) {
                    assertThat(reader.get("/api/customers/" + id, ApiClient.ANALYST)
                                    .body()
                                    .path("purchases")
                                    .path("count")
                                    .asInt())
                            .isEqualTo(1);
                }
                var profile = java.util.stream.StreamSupport.stream(
                                reader.get("/api/admin/projections", ApiClient.ADMIN)
                                        .body()
                                        .spliterator(),
                                false)
                        .filter(projection -> projection.path("name").asText().equals("customer-profile"))
                        .findFirst()
                        .orElseThrow();
                assertThat(profile.path("segmentsClaimed").asInt())
                        .as(profile.toString())
                        .isEqualTo(1);
            }
            // both segments did work: the customers' sequences hash to both
            assertThat(jdbc.queryForList(
                            "SELECT segment FROM token_entry WHERE processor_name = 'customer-profile' "
                                    + "AND token IS NOT NULL ORDER BY segment",
                            Integer.class))
                    .containsExactly(0, 1);
        }
    }
}

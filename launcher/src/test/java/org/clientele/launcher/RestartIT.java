package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded default keeps its data in a folder: stopping and starting again loses nothing. */
class RestartIT {

    @TempDir
    Path dataDir;

    @Test
    void stoppingAndStartingTheEmbeddedBackendKeepsEveryEvent() {
        String id;
        long events;
        try (Backend first = embedded()) {
            ApiClient api = first.api();
            id = api.register("restart@example.com");
            api.post(
                    "/api/customers/" + id + "/purchases",
                    ApiClient.BACKOFFICE,
                    "{\"orderReference\":\"R-1\",\"amount\":10,\"currency\":\"EUR\",\"channel\":\"WEB\"}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/customers/" + id, ApiClient.ANALYST)
                                    .body()
                                    .path("purchases")
                                    .path("count")
                                    .asInt()
                            == 1);
            events = eventCount(first);
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();

        try (Backend second = embedded()) {
            ApiClient api = second.api();
            assertThat(eventCount(second)).isEqualTo(events);
            assertThat(api.get("/api/customers/" + id, ApiClient.ANALYST)
                            .body()
                            .path("purchases")
                            .path("count")
                            .asInt())
                    .isEqualTo(1);
            // the stream carries on where it stopped: the order is known, a new one is appended
            assertThat(api.post(
                                    "/api/customers/" + id + "/purchases",
                                    ApiClient.BACKOFFICE,
                                    "{\"orderReference\":\"R-1\",\"amount\":10,\"currency\":\"EUR\",\"channel\":\"WEB\"}")
                            .text("outcome"))
                    .isEqualTo("ALREADY_RECORDED");
            assertThat(api.post(
                                    "/api/customers/" + id + "/purchases",
                                    ApiClient.BACKOFFICE,
                                    "{\"orderReference\":\"R-2\",\"amount\":5,\"currency\":\"EUR\",\"channel\":\"WEB\"}")
                            .text("outcome"))
                    .isEqualTo("RECORDED");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/customers/" + id, ApiClient.ANALYST)
                                    .body()
                                    .path("purchases")
                                    .path("count")
                                    .asInt()
                            == 2);
        }
    }

    private Backend embedded() {
        return Backend.start(
                new SpringApplicationBuilder(ClienteleApplication.class), "--clientele.database.data-dir=" + dataDir);
    }

    private static long eventCount(Backend backend) {
        Long count =
                backend.bean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}

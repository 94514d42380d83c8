package org.clientele.launcher;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Clientele application the way its main method does, on a random port, with the dev users. */
final class Backend implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private Backend(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The one-process launcher against the given database. */
    static Backend launcher(String jdbcUrl, String... extraArgs) {
        return start(new SpringApplicationBuilder(ClienteleApplication.class), withDatabase(jdbcUrl, extraArgs));
    }

    static Backend start(SpringApplicationBuilder application, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0", "--spring.profiles.active=dev", "--clientele.lifecycle.reassess-every=PT1H"));
        all.addAll(List.of(args));
        return new Backend(application.run(all.toArray(String[]::new)));
    }

    static String[] withDatabase(String jdbcUrl, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password="));
        args.addAll(List.of(extraArgs));
        return args.toArray(String[]::new);
    }

    ApiClient api() {
        return new ApiClient(port());
    }

    int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The position of the newest event in the store. */
    long head() {
        Long head = bean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** Waits until every projection has read the event store up to its newest event now. */
    void awaitProjections() {
        awaitProjectionsAt(head());
    }

    /**
     * Waits until every projection is at the position or past it. Positions only: Axon keeps a replay token
     * "replaying" until an event past the reset point arrives.
     */
    void awaitProjectionsAt(long head) {
        ApiClient api = api();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        var projections = api.get("/api/admin/projections", ApiClient.ADMIN)
                                .body();
                        org.assertj.core.api.Assertions.assertThat(projections.findValuesAsText("name"))
                                .contains("customer-profile", "consent-ledger", "campaign-memory");
                        projections.forEach(projection -> org.assertj.core.api.Assertions.assertThat(
                                        projection.path("position").asLong())
                                .as(projection.path("name").asText())
                                .isGreaterThanOrEqualTo(head));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException stuck) {
            printProcessingThreads();
            throw stuck;
        }
    }

    /** What the processors' threads are doing, for a projection that does not catch up. */
    static void printProcessingThreads() {
        StringBuilder dump = new StringBuilder("Processing threads when the projections did not catch up:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean axon = java.util.Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().startsWith("org.axonframework")
                            || frame.getClassName().startsWith("org.clientele"));
            if (!axon || thread == Thread.currentThread()) {
                return;
            }
            dump.append('"')
                    .append(thread.getName())
                    .append("\" ")
                    .append(thread.getState())
                    .append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.out.println(dump);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

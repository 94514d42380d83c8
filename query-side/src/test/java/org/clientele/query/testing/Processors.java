package org.clientele.query.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reaching the projections' event processors, and waiting for them to read the whole event store. */
public final class Processors {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Processors() {}

    public static StreamingEventProcessor processor(EventProcessingConfiguration processing, String name) {
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no streaming processor named " + name));
    }

    /**
     * Waits until every segment of the processor has handled the last event now in the store. The replay flag is
     * no help here: Axon keeps a segment "replaying" until it sees an event beyond the reset position, so after a
     * replay with no new event it never clears.
     */
    public static void awaitCaughtUp(StreamingEventProcessor processor, JdbcTemplate jdbc) {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(processor.isRunning()).isTrue();
            assertThat(processor.processingStatus().values())
                    .isNotEmpty()
                    .allSatisfy(segment ->
                            assertThat(segment.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
        });
    }
}

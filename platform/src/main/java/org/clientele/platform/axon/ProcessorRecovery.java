package org.clientele.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Brings the streaming processors back as soon as the database is back. While the database is down, Axon's
 * coordinator doubles its wait after each failure (up to a minute) and keeps each failed segment unclaimed for a
 * doubling time too, so a ten-second outage could leave the read side idle for half a minute after the database
 * returned. This watcher probes the database once a second; when it answers again after a failed probe, it lifts
 * every segment's wait and asks each coordinator to run now, and repeats that for a while as long as a coordinator
 * still reports an error. A failure that is not an outage keeps Axon's back-off: nothing is hurried unless the
 * database itself was seen gone.
 */
public class ProcessorRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRecovery.class);

    private final DataSource dataSource;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final Duration probeInterval;
    private final Duration hurryFor;
    private ScheduledExecutorService probe;
    private volatile boolean databaseWasDown;
    private volatile Instant hurryUntil = Instant.MIN;

    public ProcessorRecovery(
            DataSource dataSource,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            TransactionManager transactions,
            Duration probeInterval,
            Duration hurryFor) {
        this.dataSource = dataSource;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.probeInterval = probeInterval;
        this.hurryFor = hurryFor;
    }

    /** One probe: called by the schedule, and by tests that drive it by hand. */
    void check() {
        if (!databaseAnswers()) {
            if (!databaseWasDown) {
                log.info("The database does not answer: the processors will be resumed as soon as it does");
            }
            databaseWasDown = true;
            return;
        }
        Instant now = Instant.now();
        if (databaseWasDown) {
            databaseWasDown = false;
            hurryUntil = now.plus(hurryFor);
            log.info("The database answers again: resuming every streaming processor now");
            resumeAll(false);
        } else if (now.isBefore(hurryUntil)) {
            resumeAll(true);
        }
    }

    private void resumeAll(boolean onlyThoseInError) {
        for (StreamingEventProcessor processor : streamingProcessors()) {
            if (!processor.isRunning() || (onlyThoseInError && !processor.isError())) {
                continue;
            }
            try {
                int[] segments = transactions.fetchInTransaction(() -> tokenStore.fetchSegments(processor.getName()));
                for (int segment : segments) {
                    // a release deadline already past: Axon forgets the segment's wait and schedules its coordinator
                    processor.releaseSegment(segment, -1, TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException e) {
                // the database went away again between the probe and this call: the next probe sees it
                log.debug("Could not resume processor {} yet", processor.getName(), e);
            }
        }
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    private boolean databaseAnswers() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void start() {
        probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "processor-recovery");
            thread.setDaemon(true);
            return thread;
        });
        long millis = probeInterval.toMillis();
        probe.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Processor recovery probe failed", e);
        }
    }

    @Override
    public void stop() {
        if (probe != null) {
            probe.shutdownNow();
            probe = null;
        }
    }

    @Override
    public boolean isRunning() {
        return probe != null;
    }

    /** Started after Axon's processors, stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

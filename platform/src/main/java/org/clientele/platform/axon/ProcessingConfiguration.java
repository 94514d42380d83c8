package org.clientele.platform.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How messages flow: pooled streaming processors for every projection, and retried commands on a conflict. */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfiguration {

    /**
     * Every processing group runs as a pooled streaming processor that reads events in batches, so that a
     * projection can write a whole batch at once. A failing handler's error propagates: with Axon's default logging
     * error handler an event would be skipped and a view silently wrong. The dead-letter queue then sets the event
     * aside (see DeadLetterConfiguration), or the batch is retried when the database itself failed. The write side's
     * own views are the exception: they run in the command's transaction, on a subscribing processor.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors(
            @Value("${clientele.processing.batch-size:2000}") int batchSize,
            @Value("${clientele.processing.segments:1}") int segments,
            @Value("${clientele.processing.threads:2}") int threads,
            // how many of a projection's segments one process takes: set it to segments / processes to share them
            @Value("${clientele.processing.max-claimed-segments:0}") int maxClaimed,
            org.springframework.beans.factory.ObjectProvider<SubscribingProcessingGroup> subscribing) {
        return configurer -> {
            subscribing
                    .orderedStream()
                    .forEach(group -> configurer.eventProcessing().registerSubscribingEventProcessor(group.name()));
            configurer
                    .eventProcessing()
                    .usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize)
                            .initialSegmentCount(segments)
                            .maxClaimedSegments(maxClaimed > 0 ? maxClaimed : Math.max(segments, 16))
                            .coordinatorExecutor(
                                    name -> java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                                            daemon(name + "-coordinator")))
                            .workerExecutor(name -> new WorkerExecutor(name, threads, daemon(name + "-worker"))))
                    .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        };
    }

    @Bean
    ProcessorRecovery processorRecovery(
            javax.sql.DataSource dataSource,
            org.axonframework.config.EventProcessingConfiguration processing,
            org.axonframework.eventhandling.tokenstore.TokenStore tokenStore,
            org.axonframework.common.transaction.TransactionManager transactions,
            @Value("${clientele.processing.recovery-probe:1s}") java.time.Duration probeInterval,
            @Value("${clientele.processing.recovery-window:60s}") java.time.Duration hurryFor) {
        return new ProcessorRecovery(dataSource, processing, tokenStore, transactions, probeInterval, hurryFor);
    }

    /**
     * Two commands on one customer at once: the second append breaks the unique (aggregate, sequence) constraint
     * and Axon reports a concurrency conflict; the command is then retried on the fresh state. A broken business rule
     * ({@link NonTransient}), an invalid value or a taken id answers at once: a retry would only repeat it.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        var retries = IntervalRetryScheduler.builder()
                .retryExecutor(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemon("command-retry")))
                .retryInterval(20)
                .maxRetryCount(5)
                // Axon asks this of every cause in the chain: name only the failures a retry would repeat
                .nonTransientFailurePredicate(ProcessingConfiguration::isNonTransient)
                .build();
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retries)
                .build();
    }

    static boolean isNonTransient(Throwable failure) {
        // an unreachable database answers 503 at once: five retries would only hold the request for ten seconds
        return failure instanceof NonTransient
                || org.clientele.platform.database.DatabaseFailures.isUnavailable(failure)
                || failure instanceof org.axonframework.common.AxonNonTransientException
                || failure instanceof org.axonframework.modelling.command.AggregateStreamCreationException
                || failure instanceof IllegalArgumentException;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        var counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

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
     * projection can write a whole batch at once. A failing handler rolls the batch back and the segment retries
     * it: with Axon's default logging error handler an event would be skipped and a view silently wrong.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors(
            @Value("${clientele.processing.batch-size:2000}") int batchSize,
            @Value("${clientele.processing.segments:1}") int segments,
            @Value("${clientele.processing.threads:2}") int threads) {
        return configurer -> configurer
                .eventProcessing()
                .usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize)
                        .initialSegmentCount(segments)
                        .maxClaimedSegments(Math.max(segments, 16))
                        .coordinatorExecutor(name -> java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                                daemon(name + "-coordinator")))
                        .workerExecutor(name -> java.util.concurrent.Executors.newScheduledThreadPool(
                                threads, daemon(name + "-worker"))))
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
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
        return failure instanceof NonTransient
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

package org.clientele.platform.axon.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** The shadow rebuild of the read models a side declares, its resumption at start-up and its metrics. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class RebuildConfiguration {

    @Bean(destroyMethod = "stop")
    ShadowRebuild shadowRebuild(
            ObjectProvider<RebuildableReadModel> readModels,
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            Configuration axon,
            ApplicationEventPublisher events,
            org.clientele.platform.privacy.CustomerKeys keys,
            @Value("${clientele.rebuild.batch-events:5000}") int batchEvents,
            @Value("${clientele.rebuild.batch-bytes:8MB}") org.springframework.util.unit.DataSize batchBytes,
            @Value("${clientele.rebuild.pass-events:1000000}") long passEvents,
            @Value("${clientele.rebuild.progress-every:5s}") Duration progressEvery,
            @Value("${clientele.rebuild.max-events-per-second:0}") long maxEventsPerSecond) {
        return new ShadowRebuild(
                readModels.orderedStream().toList(),
                dataSource,
                transactionManager,
                processing,
                tokenStore,
                eventSerializer,
                serializer,
                axon.upcasterChain(),
                events,
                keys,
                new ShadowRebuild.Settings(
                        batchEvents, batchBytes.toBytes(), passEvents, progressEvery, maxEventsPerSecond));
    }

    /** A rebuild that a crash or a restart interrupted goes on from its last batch once the application is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> resumeInterruptedRebuild(
            ShadowRebuild rebuild, @Value("${clientele.rebuild.resume:true}") boolean resume) {
        return ready -> {
            if (resume && !rebuild.rebuildable().isEmpty()) {
                rebuild.resumeIfInterrupted();
            }
        };
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> rebuildGauges(
            ShadowRebuild rebuild, EventProcessingConfiguration processing, ObjectProvider<MeterRegistry> registry) {
        return ready -> registry.ifAvailable(meters -> {
            processing.eventProcessors().values().stream()
                    .filter(org.axonframework.eventhandling.StreamingEventProcessor.class::isInstance)
                    .map(org.axonframework.eventhandling.StreamingEventProcessor.class::cast)
                    .forEach(processor -> Gauge.builder("clientele.projection.lag", processor, p -> lag(rebuild, p))
                            .description("Events in the store past the projection's position")
                            .tag("projection", processor.getName())
                            .register(meters));
            if (rebuild.rebuildable().isEmpty()) {
                return;
            }
            Gauge.builder(
                            "clientele.rebuild.events.per.second",
                            rebuild,
                            r -> r.progress()
                                    .filter(RebuildProgress::running)
                                    .map(RebuildProgress::eventsPerSecond)
                                    .orElse(0L))
                    .description("Events per second of the running shadow rebuild")
                    .register(meters);
            Gauge.builder(
                            "clientele.rebuild.position",
                            rebuild,
                            r -> r.progress().map(RebuildProgress::position).orElse(0L))
                    .description("Global index the shadow rebuild has reached")
                    .register(meters);
            Gauge.builder(
                            "clientele.rebuild.seconds.left",
                            rebuild,
                            r -> r.progress()
                                    .filter(RebuildProgress::running)
                                    .map(p -> p.secondsLeft() == null ? -1 : p.secondsLeft())
                                    .orElse(0L))
                    .description("Time the running shadow rebuild still needs at its current rate (-1: not known)")
                    .register(meters);
        });
    }

    private static double lag(
            ShadowRebuild rebuild, org.axonframework.eventhandling.StreamingEventProcessor processor) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
        return position < 0 ? Double.NaN : Math.max(0, rebuild.head() - position);
    }
}

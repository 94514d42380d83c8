package org.clientele.platform.axon.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.clientele.events.text.ControlCharacters;
import org.clientele.platform.axon.SubscribingProcessingGroup;
import org.clientele.platform.database.DatabaseFailures;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One event that a projection cannot handle must not stop that projection for every customer. Each streaming
 * processing group gets a dead-letter queue in PostgreSQL, sequenced per aggregate (a customer or a campaign): the
 * failing event is set aside with its cause, the customer's later events queue behind it so that their order holds,
 * and every other customer goes on. A failure of the database itself is never dead-lettered: the batch is retried
 * until the database answers again. Replaying a projection empties its queue, since the replay meets every event anew.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    static final String TABLE = "dead_letter_entry";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeadLetterConfiguration.class);

    @Bean
    static DeadLetterGroups deadLetterGroups(ObjectProvider<SubscribingProcessingGroup> subscribing) {
        return new DeadLetterGroups(subscribing
                .orderedStream()
                .map(SubscribingProcessingGroup::name)
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Bean
    EventIsolation eventIsolation(DeadLetterGroups groups, PlatformTransactionManager transactions) {
        return new EventIsolation(groups::deadLettered, transactions);
    }

    @Bean
    ConfigurerModule deadLetterQueues(
            DeadLetterGroups groups,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Value("${clientele.processing.dead-letters.max-sequences:1000000}") int maxSequences,
            @Value("${clientele.processing.dead-letters.max-sequence-size:100000}") int maxSequenceSize) {
        DeadLetterSchema schema = schema();
        return new AfterAxonDefaults(configurer -> configurer
                .eventProcessing()
                .registerDeadLetterQueueProvider(group -> {
                    if (!groups.deadLettered(group)) {
                        return null;
                    }
                    // Axon asks for the queue just before it builds the group's invoker, and has no default for
                    // the invoker's settings: this is the one place that sees every group's name in time.
                    configurer
                            .eventProcessing()
                            .registerDeadLetteringEventHandlerInvokerConfiguration(
                                    group,
                                    (configuration, invoker) -> invoker.enableSequenceIdentifierCache()
                                            .allowReset(true))
                            .registerDeadLetterPolicy(group, configuration -> enqueuePolicy(group));
                    return configuration -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                            .processingGroup(group)
                            .connectionProvider(connectionProvider)
                            .transactionManager(transactionManager)
                            .schema(schema)
                            .genericSerializer(serializer)
                            .eventSerializer(eventSerializer)
                            .maxSequences(maxSequences)
                            .maxSequenceSize(maxSequenceSize)
                            .build();
                }));
    }

    /**
     * Axon's Spring Boot starter registers its own queue provider (for groups enabled in its properties, none here);
     * the last provider registered wins, so ours comes after.
     */
    record AfterAxonDefaults(ConfigurerModule module) implements ConfigurerModule {
        @Override
        public void configureModule(@jakarta.annotation.Nonnull org.axonframework.config.Configurer configurer) {
            module.configureModule(configurer);
        }

        @Override
        public int order() {
            return Integer.MAX_VALUE;
        }
    }

    /** How many events each projection has set aside, as a gauge per projection. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> deadLetterGauges(
            EventProcessingConfiguration processing, ObjectProvider<MeterRegistry> registry, DeadLetterGroups groups) {
        return ready -> registry.ifAvailable(meters -> processing.eventProcessors().keySet().stream()
                .filter(groups::deadLettered)
                .forEach(name -> processing
                        .deadLetterQueue(name)
                        .ifPresent(queue -> Gauge.builder(
                                        "clientele.projection.dead.letters", queue, DeadLetterConfiguration::size)
                                .description("Events set aside because the projection could not handle them")
                                .tag("projection", name)
                                .register(meters))));
    }

    static EnqueuePolicy<EventMessage<?>> enqueuePolicy(String group) {
        return (letter, cause) -> {
            if (DatabaseFailures.isTransient(cause)) {
                // not the event's fault: fail the batch, so that it is retried once the database is back
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            ThrowableCause truncated = ThrowableCause.truncated(cause);
            log.warn(
                    "Projection {} set event {} aside in its dead-letter queue ({}); the other customers' events go on",
                    group,
                    letter.message().getIdentifier(),
                    truncated.type());
            return Decisions.enqueue(new ThrowableCause(truncated.type(), printable(truncated.message())));
        };
    }

    /** A cause's message may quote the bad value itself; the queue stores it as text, which cannot hold a NUL. */
    static String printable(String message) {
        return ControlCharacters.replaced(message);
    }

    private static long size(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        try {
            return queue.size();
        } catch (RuntimeException unavailable) {
            return -1;
        }
    }

    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(TABLE)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Which processing groups set failing events aside: every group but the write side's subscribing views. */
    public record DeadLetterGroups(Set<String> subscribing) {
        public boolean deadLettered(String group) {
            return !subscribing.contains(group);
        }
    }
}

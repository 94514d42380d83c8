package org.clientele.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.platform.database.SchemaMigrations;
import org.clientele.platform.database.SchemaModule;
import org.clientele.platform.privacy.CryptoShreddingSerializer;
import org.clientele.platform.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The event store on PostgreSQL: Axon's {@link JdbcEventStorageEngine} and JDBC token store on the schema that
 * {@code db/eventstore} creates, with one Jackson serializer for events, messages and everything else.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** PostgreSQL's SQLSTATE for a unique violation: how a concurrent append to one aggregate is recognised. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    SchemaModule eventStoreSchema() {
        return new SchemaModule("eventstore", "classpath:db/eventstore", 0);
    }

    @Bean
    SchemaMigrations schemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        return new SchemaMigrations(dataSource, modules);
    }

    /**
     * Axon gets its own mapper rather than the web one: events must keep deserialising when a later revision
     * adds or drops a field, while the web API rejects unknown fields.
     */
    static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("clientele-instants")
                        .addDeserializer(java.time.Instant.class, new IsoInstants.Deserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * One serializer for everything Axon stores; it encrypts the personal parts of events with their customer's key
     * (crypto-shredding, see {@link CryptoShreddingSerializer}) and leaves all else as plain JSON.
     */
    @Bean
    @Primary
    CryptoShreddingSerializer serializer(CustomerKeys customerKeys) {
        return new CryptoShreddingSerializer(
                JacksonSerializer.builder().objectMapper(axonObjectMapper()).build(), customerKeys);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            SchemaMigrations schemaMigrations,
            @Value("${clientele.eventstore.batch-size:1000}") int batchSize) {
        // schemaMigrations is a parameter so that the tables exist before anything reads or appends.
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(batchSize)
                .build();
    }

    /** Copies who, from where and which request onto every event a command causes. */
    @Bean
    CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(
                MessageMetadata.USER, MessageMetadata.SOURCE_SYSTEM, MessageMetadata.CORRELATION_ID);
    }
}

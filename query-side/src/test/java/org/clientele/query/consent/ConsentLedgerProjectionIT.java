package org.clientele.query.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.clientele.query.testing.CustomerEvents.consentGranted;
import static org.clientele.query.testing.CustomerEvents.consentWithdrawn;
import static org.clientele.query.testing.CustomerEvents.daysAgo;
import static org.clientele.query.testing.Processors.TIMEOUT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.testing.EventStoreWriter;
import org.clientele.query.testing.Processors;
import org.clientele.query.testing.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The consent ledger on a real PostgreSQL: every change, in order, with who made it and through which system. */
@QuerySideIntegrationTest
class ConsentLedgerProjectionIT {

    private static final String LEDGER_ROWS = "SELECT * FROM consent_ledger ORDER BY position";

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", () -> url);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    QueryGateway queryGateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private EventStoreWriter events;

    @BeforeEach
    void writer() {
        events = new EventStoreWriter(eventStore);
    }

    @Test
    void keepsEveryChangeInOrderWithWhoMadeIt() {
        CustomerId id = CustomerId.newId();
        Instant granted = daysAgo(3);
        Instant withdrawn = daysAgo(2);
        List<DomainEventMessage<?>> published = events.add(
                        id,
                        consentGranted(id, Channel.EMAIL, ConsentPurpose.MARKETING, granted),
                        metaData("alice", "web-shop", "request-1"))
                .add(
                        id,
                        consentWithdrawn(id, Channel.EMAIL, ConsentPurpose.MARKETING, withdrawn),
                        metaData("bob", "call-centre", "request-2"))
                .add(
                        id,
                        consentGranted(id, Channel.SMS, ConsentPurpose.PARTNERS, daysAgo(1)),
                        metaData("carol", "crm-import", "request-3"))
                .flush();

        List<ConsentChange> history = awaitHistory(id, 3);

        assertThat(history)
                .extracting(
                        ConsentChange::change,
                        ConsentChange::channel,
                        ConsentChange::purpose,
                        ConsentChange::user,
                        ConsentChange::sourceSystem,
                        ConsentChange::correlationId)
                .containsExactly(
                        tuple("GRANTED", "EMAIL", "marketing", "alice", "web-shop", "request-1"),
                        tuple("WITHDRAWN", "EMAIL", "marketing", "bob", "call-centre", "request-2"),
                        tuple("GRANTED", "SMS", "partners", "carol", "crm-import", "request-3"));
        assertThat(history)
                .extracting(ConsentChange::eventId)
                .containsExactlyElementsOf(
                        published.stream().map(EventMessage::getIdentifier).toList());
        assertThat(history).extracting(ConsentChange::position).isSorted().doesNotHaveDuplicates();
        assertThat(history).allSatisfy(change -> assertThat(change.customerId()).isEqualTo(id.toString()));
        assertThat(history.get(0)).satisfies(change -> {
            assertThat(change.effectiveAt()).isEqualTo(granted);
            assertThat(change.source()).isEqualTo("web_form");
            assertThat(change.legalBasis()).isEqualTo("CONSENT");
            // the event store keeps an event's timestamp to the millisecond
            assertThat(change.recordedAt())
                    .isEqualTo(published.get(0).getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        });
        assertThat(history.get(1)).satisfies(change -> {
            assertThat(change.effectiveAt()).isEqualTo(withdrawn);
            assertThat(change.source()).isEqualTo("unsubscribe_link");
            assertThat(change.legalBasis()).isNull();
        });
    }

    @Test
    void historyHoldsOnlyTheCustomersOwnChanges() {
        CustomerId ada = CustomerId.newId();
        CustomerId grace = CustomerId.newId();
        events.add(ada, consentGranted(ada, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(2)), Map.of())
                .add(grace, consentGranted(grace, Channel.POSTAL, ConsentPurpose.MARKETING, daysAgo(2)), Map.of())
                .add(ada, consentWithdrawn(ada, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(1)), Map.of())
                .flush();

        assertThat(awaitHistory(ada, 2)).extracting(ConsentChange::change).containsExactly("GRANTED", "WITHDRAWN");
        assertThat(awaitHistory(grace, 1)).extracting(ConsentChange::channel).containsExactly("POSTAL");
    }

    @Test
    void keepsALongHistoryInOrderAcrossBatches() {
        CustomerId id = CustomerId.newId();
        int changes = 1200;
        for (int i = 0; i < changes; i++) {
            Object change = i % 2 == 0
                    ? consentGranted(id, Channel.SMS, ConsentPurpose.MARKETING, daysAgo(changes - i))
                    : consentWithdrawn(id, Channel.SMS, ConsentPurpose.MARKETING, daysAgo(changes - i));
            events.add(id, change, metaData("importer", "legacy-crm", "change-" + i));
        }
        events.flush();

        List<ConsentChange> history = awaitHistory(id, changes);

        assertThat(history)
                .extracting(ConsentChange::correlationId)
                .containsExactlyElementsOf(
                        IntStream.range(0, changes).mapToObj(i -> "change-" + i).toList());
        assertThat(history)
                .extracting(ConsentChange::change)
                .containsSequence("GRANTED", "WITHDRAWN", "GRANTED")
                .endsWith("WITHDRAWN");
        assertThat(history).extracting(ConsentChange::effectiveAt).isSorted();
    }

    @Test
    void rebuildingTheLedgerGivesIdenticalEntries() {
        for (int i = 0; i < 30; i++) {
            CustomerId id = CustomerId.newId();
            events.add(
                    id,
                    consentGranted(id, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(10)),
                    metaData("user" + i, "web-shop", "request-" + i));
            if (i % 2 == 0) {
                events.add(
                        id,
                        consentWithdrawn(id, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(5)),
                        metaData("user" + i, "call-centre", "request-" + i + "b"));
            }
        }
        events.flush();
        StreamingEventProcessor processor = Processors.processor(processing, ConsentLedgerProjection.PROCESSING_GROUP);
        Processors.awaitCaughtUp(processor, jdbc);
        List<Map<String, Object>> before = jdbc.queryForList(LEDGER_ROWS);
        assertThat(before).hasSizeGreaterThanOrEqualTo(45);

        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_ledger", Integer.class))
                .isZero();
        processor.start();

        Processors.awaitCaughtUp(processor, jdbc);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForList(LEDGER_ROWS)).isEqualTo(before));
    }

    private List<ConsentChange> awaitHistory(CustomerId id, int size) {
        return await().atMost(TIMEOUT).until(() -> history(id), changes -> changes.size() >= size);
    }

    private List<ConsentChange> history(CustomerId id) {
        return queryGateway
                .query(new FindConsentHistory(id), ResponseTypes.multipleInstancesOf(ConsentChange.class))
                .join();
    }

    private static Map<String, String> metaData(String user, String sourceSystem, String correlationId) {
        return Map.of(
                MessageMetadata.USER,
                user,
                MessageMetadata.SOURCE_SYSTEM,
                sourceSystem,
                MessageMetadata.CORRELATION_ID,
                correlationId);
    }
}

package org.clientele.platform.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.axonframework.serialization.json.JacksonSerializer;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.EmailAddress;
import org.clientele.events.customer.Origin;
import org.clientele.events.customer.PersonName;
import org.clientele.events.customer.PhoneNumber;
import org.clientele.events.customer.PostalAddress;
import org.clientele.platform.database.SchemaMigrations;
import org.clientele.platform.database.SchemaModule;
import org.clientele.platform.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** A migrated database, the serializers as the event store builds them, and a customer with personal data. */
final class PrivacyFixtures {

    static final Instant AT = Instant.parse("2024-03-01T09:30:15.123456Z");

    private PrivacyFixtures() {}

    /** A fresh database with the event store and key tables. */
    static DataSource migratedDatabase() {
        DataSource dataSource =
                new SimpleDriverDataSource(new org.postgresql.Driver(), TestDatabase.newDatabase(), "postgres", "");
        new SchemaMigrations(
                        dataSource,
                        List.of(
                                new SchemaModule("eventstore", "classpath:db/eventstore", 0),
                                new SchemaModule("keys", "classpath:db/keys", 1)))
                .afterPropertiesSet();
        return dataSource;
    }

    static CustomerKeys keys(DataSource dataSource, SecretKey masterKey) {
        return new CustomerKeys(new JdbcTemplate(dataSource), masterKey, 100, Duration.ofMinutes(1));
    }

    /** Axon's serializer as EventStoreConfiguration builds it, without the encryption. */
    static JacksonSerializer plainSerializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    static CryptoShreddingSerializer serializer(CustomerKeys keys) {
        return new CryptoShreddingSerializer(plainSerializer(), keys);
    }

    static ContactRegistered adaRegistered(UUID customer) {
        return new ContactRegistered(
                new CustomerId(customer),
                new ContactDetails(
                        PersonName.of("Ada", "Lovelace"),
                        EmailAddress.of("ada@example.org"),
                        PhoneNumber.of("+44 20 7946 0958"),
                        new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB")),
                new Origin("shop-import", "in-store", "spring-24"),
                AT,
                "C-17850");
    }
}

package org.clientele.platform.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The start-up check stops on a wrong master key, or on a key table that lost customers whose events are sealed. */
class KeyringCheckIT {

    private static final SecretKey MASTER_KEY = Aead.newKey();

    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private CustomerKeys keys;

    @BeforeEach
    void migrateAFreshDatabase() {
        dataSource = PrivacyFixtures.migratedDatabase();
        jdbc = new JdbcTemplate(dataSource);
        keys = PrivacyFixtures.keys(dataSource, MASTER_KEY);
    }

    @Test
    void passesOnAFreshDatabaseAndSealsTheKeyring() {
        assertThatNoException().isThrownBy(() -> check(keys));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM keyring", Integer.class))
                .isOne();
    }

    @Test
    void passesWhileEveryCustomerWithSealedDataHasAKeyRowAndStopsOnceTheTableIsEmptied() {
        UUID customer = UUID.randomUUID();
        appendContactRegistered(customer);
        check(keys);

        jdbc.update("DELETE FROM customer_key");

        assertThatThrownBy(() -> check(keys))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("customer_key")
                .hasMessageContaining(customer.toString());
    }

    @Test
    void stopsWhenTheMasterKeyIsNotTheOneTheKeysWereWrappedWith() {
        check(keys);

        CustomerKeys wrongMasterKey = PrivacyFixtures.keys(dataSource, Aead.newKey());

        assertThatThrownBy(() -> check(wrongMasterKey))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master-key");
    }

    private void check(CustomerKeys keys) {
        new KeyringCheck(jdbc, keys, 100).run();
    }

    /** Appends the event as Axon's JDBC event store would, encrypted by the serializer. */
    private void appendContactRegistered(UUID customer) {
        SerializedObject<byte[]> payload =
                PrivacyFixtures.serializer(keys).serialize(PrivacyFixtures.adaRegistered(customer), byte[].class);
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, 0, 'Customer', ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                customer.toString(),
                PrivacyFixtures.AT.toString(),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                "{}".getBytes(UTF_8));
    }
}

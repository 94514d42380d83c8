package org.clientele.platform.privacy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The start-up check of the key table: the master key must open the keyring, and the customers whose events carry
 * sealed personal data must each have a key row, live or shredded. It samples the oldest and the newest such events,
 * so a key table that was emptied, dropped and recreated, or restored from the wrong backup stops the start with a
 * clear message, instead of every customer silently reading as "erased".
 */
final class KeyringCheck {

    private static final Logger log = LoggerFactory.getLogger(KeyringCheck.class);

    private final JdbcTemplate jdbc;
    private final CustomerKeys keys;
    private final int sample;

    KeyringCheck(JdbcTemplate jdbc, CustomerKeys keys, int sample) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.sample = sample;
    }

    void run() {
        keys.checkMasterKey();
        Set<UUID> customers = new LinkedHashSet<>();
        customers.addAll(sealedCustomers("ASC"));
        customers.addAll(sealedCustomers("DESC"));
        if (customers.isEmpty()) {
            return;
        }
        List<UUID> missing = keys.withoutKeyRow(customers);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " of " + customers.size()
                    + " sampled customers with encrypted personal data have no row in customer_key (for example "
                    + missing.get(0) + "), and " + keys.rows() + " rows remain: the key table was lost or "
                    + "replaced. Restore it from its backup; Clientele will not start and read these customers as "
                    + "erased.");
        }
        log.info(
                "Key table checked: the {} sampled customers with encrypted personal data all have a key row",
                customers.size());
    }

    private List<UUID> sealedCustomers(String order) {
        return jdbc.queryForList(
                "SELECT DISTINCT aggregate_identifier::uuid FROM (SELECT aggregate_identifier, payload "
                        + "FROM domain_event_entry WHERE type IS NOT NULL ORDER BY global_index " + order
                        + " LIMIT ?) recent WHERE position(convert_to('\"" + CryptoShreddingSerializer.SEALED
                        + "\"', 'UTF8') IN payload) > 0",
                UUID.class,
                sample);
    }
}

package org.clientele.command.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.clientele.command.identity.IdentityIndex;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.privacy.CustomerKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries out an erasure on the write side, in the transaction that records it: the rejected import rows that
 * quote the person's email or phone are deleted, then the person's identities, and last their keys are shredded.
 * If anything fails, the erasure event is not recorded either.
 */
@Component
@ProcessingGroup(IdentityIndex.PROCESSING_GROUP)
public class ErasureHandler {

    /** Phone numbers are matched on their last digits, whatever their formatting in the rejected row. */
    private static final int PHONE_DIGITS = 9;

    private final JdbcTemplate jdbc;
    private final CustomerKeys keys;

    ErasureHandler(JdbcTemplate jdbc, CustomerKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @EventHandler
    void on(CustomerErased event) {
        List<UUID> customers =
                event.erasedCustomers().stream().map(CustomerId::value).toList();
        Object ids = customers.stream().map(UUID::toString).toArray(String[]::new);
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        jdbc.query(
                "SELECT kind, value FROM customer_identity WHERE customer_id = ANY(?::uuid[])",
                rs -> {
                    String value = rs.getString(2);
                    switch (rs.getString(1)) {
                        case "EMAIL" -> emails.add("%" + likeEscaped(value) + "%");
                        case "PHONE" -> {
                            String digits = value.replaceAll("[^0-9]", "");
                            phones.add("%" + digits.substring(Math.max(0, digits.length() - PHONE_DIGITS)) + "%");
                        }
                        default -> {}
                    }
                },
                ids);
        if (!emails.isEmpty() || !phones.isEmpty()) {
            jdbc.update(
                    "DELETE FROM import_rejection WHERE raw ILIKE ANY(?::text[]) "
                            + "OR regexp_replace(raw, '[^0-9]', '', 'g') LIKE ANY(?::text[])",
                    emails.toArray(String[]::new),
                    phones.toArray(String[]::new));
        }
        jdbc.update("DELETE FROM customer_identity WHERE customer_id = ANY(?::uuid[])", ids);
        keys.shred(customers);
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

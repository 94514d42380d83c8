package org.clientele.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each customer's data key, in the {@code customer_key} table, wrapped with the master key. A key is made on the
 * first write of the customer's personal data, in the transaction that appends the event; erasure replaces it with a
 * tombstone. A customer without a row is neither live nor erased: its key was lost, and reading its data fails
 * loudly instead of passing it off as erased.
 *
 * <p>Keys are cached in memory for a short while ({@code clientele.privacy.key-cache-ttl}), and only once the
 * transaction that read or made them has committed: a key from a rolled-back transaction never reaches the cache.
 * Nothing here logs a key, and {@link KeyState} prints none.
 */
public class CustomerKeys {

    /** What the key table says of one customer. */
    public sealed interface KeyState permits Live, Shredded {}

    /** The customer's data key. */
    public record Live(SecretKey key) implements KeyState {
        @Override
        public String toString() {
            return "Live[key hidden]";
        }
    }

    /** The key was destroyed by an erasure. */
    public record Shredded() implements KeyState {}

    private static final Shredded SHREDDED = new Shredded();
    private static final byte[] KEYRING_CHECK = "clientele keyring v1".getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final SecretKey masterKey;
    private final Cache<UUID, KeyState> cache;

    public CustomerKeys(JdbcTemplate jdbc, SecretKey masterKey, int cacheSize, Duration cacheTtl) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.cache = Caffeine.newBuilder()
                // upkeep on the calling thread: a replay reads millions of keys, and handing the cache's upkeep to
                // the common pool after so many reads woke one of its threads again and again
                .executor(Runnable::run)
                .maximumSize(cacheSize)
                .expireAfterWrite(cacheTtl)
                .build();
    }

    /** The key to encrypt new personal data of the customer with; made when the customer has none yet. */
    public SecretKey keyForWriting(UUID customer) {
        KeyState known = known(customer);
        if (known == null) {
            SecretKey fresh = Aead.newKey();
            List<UUID> inserted = jdbc.queryForList(
                    "INSERT INTO customer_key (customer_id, wrapped_key, created_at) VALUES (?, ?, now()) "
                            + "ON CONFLICT (customer_id) DO NOTHING RETURNING customer_id",
                    UUID.class,
                    customer,
                    wrap(customer, fresh));
            known = inserted.isEmpty() ? load(customer) : new Live(fresh);
            remember(customer, known);
        }
        if (known instanceof Live live) {
            return live.key();
        }
        throw new PersonalDataErasedException(customer);
    }

    /** The customer's key, or {@link Shredded} after an erasure; fails when the customer has no key row at all. */
    public KeyState keyForReading(UUID customer) {
        KeyState known = known(customer);
        if (known == null) {
            known = load(customer);
            remember(customer, known);
        }
        return known;
    }

    /**
     * Loads at once the keys of these customers that are not cached yet, with one query: a replay that reads many
     * customers' events asks for them a batch at a time instead of one query per customer. Ids without a key row (a
     * campaign's, say) are left alone. Outside a transaction only: what it caches must be committed.
     */
    public void preload(Collection<UUID> customers) {
        List<UUID> missing =
                customers.stream().distinct().filter(id -> known(id) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        jdbc.query(
                "SELECT customer_id, wrapped_key FROM customer_key WHERE customer_id = ANY(?::uuid[])",
                rs -> {
                    UUID customer = rs.getObject(1, UUID.class);
                    byte[] wrapped = rs.getBytes(2);
                    cache.put(customer, wrapped == null ? SHREDDED : new Live(unwrap(customer, wrapped)));
                },
                (Object) missing.stream().map(UUID::toString).toArray(String[]::new));
    }

    /**
     * Destroys the keys, in the current transaction: from its commit on, the personal data they encrypt is gone for
     * good. Customers without a key yet get a tombstone, so no key can be made for them later.
     */
    public void shred(Collection<UUID> customers) {
        jdbc.batchUpdate(
                "INSERT INTO customer_key (customer_id, wrapped_key, created_at, erased_at) VALUES (?, NULL, now(), now()) "
                        + "ON CONFLICT (customer_id) DO UPDATE SET wrapped_key = NULL, "
                        + "erased_at = COALESCE(customer_key.erased_at, now())",
                customers.stream().map(id -> new Object[] {id}).toList());
        forget(customers);
        // A key this transaction read before is shredded too, and is cached as such only if the transaction commits.
        customers.forEach(customer -> remember(customer, SHREDDED));
    }

    /** Drops cached keys, for example when another process erased these customers. */
    public void forget(Collection<UUID> customers) {
        cache.invalidateAll(customers);
    }

    /** How many customers have a row, live or shredded: for the start-up check. */
    long rows() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM customer_key", Long.class);
        return count == null ? 0 : count;
    }

    /** Which of these customers have no key row at all. */
    List<UUID> withoutKeyRow(Collection<UUID> customers) {
        return jdbc.queryForList(
                "SELECT id FROM unnest(?::uuid[]) AS id "
                        + "WHERE NOT EXISTS (SELECT 1 FROM customer_key k WHERE k.customer_id = id)",
                UUID.class,
                (Object) customers.stream().map(UUID::toString).toArray(String[]::new));
    }

    /**
     * Seals a check value with the master key on first start, and opens it on every later one: a master key other
     * than the one the keys were wrapped with stops the start instead of making every customer unreadable.
     */
    void checkMasterKey() {
        List<byte[]> stored = jdbc.queryForList("SELECT check_value FROM keyring WHERE id = 1", byte[].class);
        if (stored.isEmpty()) {
            jdbc.update(
                    "INSERT INTO keyring (id, check_value, created_at) VALUES (1, ?, now()) ON CONFLICT (id) DO NOTHING",
                    (Object) Aead.seal(masterKey, KEYRING_CHECK, KEYRING_CHECK));
            return;
        }
        try {
            Aead.open(masterKey, stored.get(0), KEYRING_CHECK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("clientele.privacy.master-key is not the master key this database's "
                    + "customer keys were wrapped with; start with the right key (nothing was changed)");
        }
    }

    private KeyState known(UUID customer) {
        Map<UUID, KeyState> pending = transactionKeys();
        KeyState state = pending == null ? null : pending.get(customer);
        return state != null ? state : cache.getIfPresent(customer);
    }

    private KeyState load(UUID customer) {
        List<KeyState> rows = jdbc.query(
                "SELECT wrapped_key FROM customer_key WHERE customer_id = ?",
                (rs, n) -> {
                    byte[] wrapped = rs.getBytes(1);
                    return wrapped == null ? SHREDDED : new Live(unwrap(customer, wrapped));
                },
                customer);
        if (rows.isEmpty()) {
            throw new PersonalDataKeyMissingException(customer);
        }
        return rows.get(0);
    }

    /** Keeps a key for this transaction, and in the cache once the transaction commits. */
    private void remember(UUID customer, KeyState state) {
        Map<UUID, KeyState> pending = transactionKeys();
        if (pending == null) {
            cache.put(customer, state);
        } else {
            pending.put(customer, state);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, KeyState> transactionKeys() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<UUID, KeyState> pending = (Map<UUID, KeyState>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Map<UUID, KeyState> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CustomerKeys.this);
                    if (status == STATUS_COMMITTED) {
                        cache.putAll(created);
                    }
                }
            });
            pending = created;
        }
        return pending;
    }

    private byte[] wrap(UUID customer, SecretKey key) {
        return Aead.seal(masterKey, key.getEncoded(), associatedData(customer));
    }

    private SecretKey unwrap(UUID customer, byte[] wrapped) {
        try {
            return Aead.key(Aead.open(masterKey, wrapped, associatedData(customer)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the key of customer " + customer + " does not open with the master key: it was altered or moved");
        }
    }

    static byte[] associatedData(UUID customer) {
        return customer.toString().getBytes(StandardCharsets.UTF_8);
    }
}

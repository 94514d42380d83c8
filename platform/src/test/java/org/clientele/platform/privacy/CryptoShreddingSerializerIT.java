package org.clientele.platform.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clientele.platform.privacy.PrivacyFixtures.AT;
import static org.clientele.platform.privacy.PrivacyFixtures.adaRegistered;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomersMerged;
import org.clientele.events.customer.MergedFacts;
import org.clientele.events.privacy.Erased;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Personal parts of events are stored encrypted per customer, and read as erased once the customer's key is gone. */
class CryptoShreddingSerializerIT {

    private static final SecretKey MASTER_KEY = Aead.newKey();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID customer = UUID.randomUUID();
    private final ContactRegistered registered = adaRegistered(customer);

    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private CustomerKeys keys;
    private CryptoShreddingSerializer serializer;

    @BeforeEach
    void migrateAFreshDatabase() {
        dataSource = PrivacyFixtures.migratedDatabase();
        jdbc = new JdbcTemplate(dataSource);
        keys = PrivacyFixtures.keys(dataSource, MASTER_KEY);
        serializer = PrivacyFixtures.serializer(keys);
    }

    @Test
    void storesNoPersonalPartInClearButKeepsTheOtherFactsReadable() {
        String stored =
                new String(serializer.serialize(registered, byte[].class).getData(), UTF_8);

        assertThat(stored)
                .doesNotContain("ada@example.org", "+44 20 7946 0958", "Lovelace", "St James", "C-17850")
                .contains("\"$sealed\"", "shop-import", "2024-03-01T09:30:15.123456Z", customer.toString());
    }

    @Test
    void readsBackTheEventItWrote() {
        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(registered);
    }

    @Test
    void writesAnEventWithoutPersonalDataExactlyAsThePlainSerializerDoes() {
        PurchaseRecorded purchase = new PurchaseRecorded(
                new CustomerId(customer),
                OrderReference.of("A-1"),
                AT,
                Money.of("9.00", "EUR"),
                List.of(new PurchaseLine(Sku.of("MUG-1"), 2, Money.of("4.50", "EUR"))),
                SalesChannel.WEB);

        byte[] stored = serializer.serialize(purchase, byte[].class).getData();

        assertThat(stored)
                .isEqualTo(PrivacyFixtures.plainSerializer()
                        .serialize(purchase, byte[].class)
                        .getData());
        assertThat(keyRows(customer))
                .as("no key is made for a customer without personal data")
                .isZero();
    }

    @Test
    void readsPersonalPartsAsErasedOnceTheKeyIsShreddedAndKeepsTheOtherFacts() {
        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);

        keys.shred(List.of(customer));
        ContactRegistered read = serializer.deserialize(stored);

        assertThat(read.contact().erased()).isTrue();
        assertThat(read.contact().email()).isNull();
        assertThat(read.contact().name()).isNull();
        assertThat(read.externalReference()).isEqualTo(Erased.TEXT);
        assertThat(read.customerId()).isEqualTo(registered.customerId());
        assertThat(read.origin()).isEqualTo(registered.origin());
        assertThat(read.registeredAt()).isEqualTo(registered.registeredAt());
    }

    @Test
    void keepsTheAmountsOfAMergeAfterErasureAndErasesItsReason() {
        CustomersMerged merged = merge("12.345678");
        SerializedObject<byte[]> stored = serializer.serialize(merged, byte[].class);
        assertThat(new String(stored.getData(), UTF_8)).doesNotContain("sister");

        keys.shred(List.of(customer));
        CustomersMerged read = serializer.deserialize(stored);

        assertThat(read.absorbed()).isEqualTo(merged.absorbed());
        assertThat(read.reason()).isEqualTo(Erased.TEXT);
    }

    @Test
    void keepsTheScaleAndEveryDigitOfAMergedAmount() {
        CustomersMerged merged = merge("10.50", "20.00", "1234567890.1234567891");

        CustomersMerged read = serializer.deserialize(serializer.serialize(merged, byte[].class));

        assertThat(read.absorbed().orders())
                .extracting(order -> order.amount().toPlainString())
                .containsExactly("10.50", "20.00", "1234567890.1234567891");
    }

    @Test
    void showsTheRecordedEventForTheRightOfAccessAndThenItsErasure() {
        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);
        String type = stored.getType().getName();
        String revision = stored.getType().getRevision();

        JsonNode beforeErasure = serializer.readable(stored.getData(), type, revision);
        keys.shred(List.of(customer));
        JsonNode afterErasure = serializer.readable(stored.getData(), type, revision);

        assertThat(beforeErasure.at("/contact/email/value").asText()).isEqualTo("ada@example.org");
        assertThat(beforeErasure.at("/externalReference").asText()).isEqualTo("C-17850");
        assertThat(afterErasure.at("/contact/erased").asBoolean()).isTrue();
        assertThat(afterErasure.at("/contact/email").isMissingNode()).isTrue();
        assertThat(afterErasure.at("/externalReference").asText()).isEqualTo(Erased.TEXT);
        assertThat(afterErasure.at("/origin/source").asText()).isEqualTo("shop-import");
    }

    @Test
    void failsLoudlyInsteadOfReadingAsErasedWhenTheKeyRowWasDeleted() {
        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);

        jdbc.update("DELETE FROM customer_key WHERE customer_id = ?", customer);
        CryptoShreddingSerializer restarted = PrivacyFixtures.serializer(PrivacyFixtures.keys(dataSource, MASTER_KEY));

        assertThatThrownBy(() -> restarted.deserialize(stored))
                .isInstanceOf(PersonalDataKeyMissingException.class)
                .hasMessageContaining(customer.toString());
    }

    @Test
    void doesNotOpenASealedValueCopiedIntoAnotherCustomersEventEvenUnderTheSameKey() throws Exception {
        UUID other = UUID.randomUUID();
        // The other customer gets the very same data key, so only the customer id bound to the value can stop it.
        SecretKey sharedKey = keys.keyForWriting(customer);
        jdbc.update(
                "INSERT INTO customer_key (customer_id, wrapped_key, created_at) VALUES (?, ?, now())",
                other,
                Aead.seal(MASTER_KEY, sharedKey.getEncoded(), CustomerKeys.associatedData(other)));
        SerializedObject<byte[]> mine = serializer.serialize(registered, byte[].class);
        SerializedObject<byte[]> theirs = serializer.serialize(adaRegistered(other), byte[].class);
        assertThat((Object) serializer.deserialize(theirs)).isEqualTo(adaRegistered(other));

        ObjectNode forged = (ObjectNode) JSON.readTree(theirs.getData());
        forged.set("externalReference", JSON.readTree(mine.getData()).get("externalReference"));
        var copied = new SimpleSerializedObject<>(JSON.writeValueAsBytes(forged), byte[].class, theirs.getType());

        assertThatThrownBy(() -> serializer.deserialize(copied))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void refusesToWritePersonalDataOfAnErasedCustomer() {
        keys.shred(List.of(customer));

        assertThatThrownBy(() -> serializer.serialize(registered, byte[].class))
                .isInstanceOf(PersonalDataErasedException.class);
        assertThatThrownBy(() -> PrivacyFixtures.serializer(PrivacyFixtures.keys(dataSource, MASTER_KEY))
                        .serialize(registered, byte[].class))
                .as("the tombstone in the table, not only the cache, refuses it")
                .isInstanceOf(PersonalDataErasedException.class);
    }

    @Test
    void neverCachesAKeyMadeInATransactionThatRolledBack() {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transaction.executeWithoutResult(status -> {
            serializer.serialize(registered, byte[].class);
            status.setRollbackOnly();
        });
        assertThat(keyRows(customer)).isZero();
        SerializedObject<byte[]> stored = transaction.execute(status -> serializer.serialize(registered, byte[].class));

        CryptoShreddingSerializer restarted = PrivacyFixtures.serializer(PrivacyFixtures.keys(dataSource, MASTER_KEY));
        assertThat((Object) restarted.deserialize(stored)).isEqualTo(registered);
    }

    @Test
    void keepsTheDataReadableWhenTheErasureRolledBack() {
        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transaction.executeWithoutResult(status -> {
            keys.shred(List.of(customer));
            status.setRollbackOnly();
        });

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(registered);
    }

    private CustomersMerged merge(String... amounts) {
        List<MergedFacts.Order> orders = Stream.of(amounts)
                .map(amount -> new MergedFacts.Order(
                        OrderReference.of("D-" + amount),
                        AT,
                        new BigDecimal(amount),
                        Currency.getInstance("EUR"),
                        false))
                .toList();
        return new CustomersMerged(
                new CustomerId(customer),
                new CustomerId(UUID.randomUUID()),
                new MergedFacts(orders, List.of()),
                "same person, says her sister",
                AT);
    }

    private int keyRows(UUID customer) {
        return jdbc.queryForObject("SELECT count(*) FROM customer_key WHERE customer_id = ?", Integer.class, customer);
    }
}

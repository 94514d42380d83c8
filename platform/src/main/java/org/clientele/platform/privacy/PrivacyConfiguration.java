package org.clientele.platform.privacy;

import java.time.Duration;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.clientele.platform.database.SchemaMigrations;
import org.clientele.platform.database.SchemaModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding's parts: the master key from {@code clientele.privacy.master-key}, the key table (a schema module
 * of its own, apart from the event store) and the start-up check. Without a master key the application refuses to
 * start; the {@code dev} profile has a public one, for a developer's machine only.
 */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    @Bean
    SchemaModule keysSchema() {
        return new SchemaModule("keys", "classpath:db/keys", 1);
    }

    @Bean
    CustomerKeys customerKeys(
            JdbcTemplate jdbc,
            SchemaMigrations migrations,
            @Value("${clientele.privacy.master-key:}") String masterKey,
            @Value("${clientele.privacy.key-cache-size:100000}") int cacheSize,
            @Value("${clientele.privacy.key-cache-ttl:PT1M}") Duration cacheTtl,
            @Value("${clientele.privacy.startup-check-sample:200}") int sample) {
        // migrations is a parameter so that the key table exists before the check reads it.
        CustomerKeys keys = new CustomerKeys(jdbc, masterKey(masterKey), cacheSize, cacheTtl);
        new KeyringCheck(jdbc, keys, sample).run();
        return keys;
    }

    static SecretKey masterKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("clientele.privacy.master-key is not set: give the base64 of 32 random "
                    + "bytes (for example `openssl rand -base64 32`) through CLIENTELE_PRIVACY_MASTER_KEY; it wraps "
                    + "every customer's data key, so keep it in a secret store, apart from the database backups");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("clientele.privacy.master-key is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    "clientele.privacy.master-key must decode to 32 bytes (AES-256), it decodes to " + bytes.length);
        }
        return Aead.key(bytes);
    }
}

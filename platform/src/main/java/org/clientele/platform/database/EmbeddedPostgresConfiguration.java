package org.clientele.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When no database is configured and embedded mode is on, starts a real PostgreSQL whose data lives in a folder,
 * so that stopping and starting the application keeps every event.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${clientele.database.embedded:false} and '${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${clientele.database.data-dir:./data}") String dataDir,
            @Value("${clientele.database.port:0}") int port)
            throws IOException {
        return start(Path.of(dataDir, "postgres"), port);
    }

    /**
     * Starts PostgreSQL on the folder, as durable as a server. zonky starts postgres with -F (no fsync) and
     * synchronous_commit=off, made for throwaway test databases: a crash then loses acknowledged writes; a later -c
     * wins over -F. A server left running by a previous run that was killed is stopped first
     * ({@link OrphanedPostmaster}).
     */
    static EmbeddedPostgres start(Path dataFolder, int port) throws IOException {
        Path folder = dataFolder.toAbsolutePath().normalize();
        Files.createDirectories(folder.getParent());
        OrphanedPostmaster.stopIfAny(folder);
        log.info("Starting the embedded PostgreSQL with its data in {}", folder);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(folder)
                .setCleanDataDirectory(false)
                // Spring closes it after everything that uses it; a hook of its own would stop it mid-batch
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                // multi-row inserts for the projections' batches
                .url(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true")
                .username("postgres")
                .password("")
                .build();
        dataSource.setPoolName("clientele-embedded");
        return dataSource;
    }
}

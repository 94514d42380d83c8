package org.clientele.platform.database;

import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/** Applies every registered {@link SchemaModule}'s migrations, in order, when the context starts. */
public class SchemaMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DataSource dataSource;
    private final List<SchemaModule> modules;

    public SchemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        this.dataSource = dataSource;
        this.modules = modules.stream()
                .sorted(Comparator.comparingInt(SchemaModule::order))
                .toList();
    }

    @Override
    public void afterPropertiesSet() {
        for (SchemaModule module : modules) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(module.location())
                    .table(module.historyTable())
                    // The schema is shared by modules, so it is never empty for the second one.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            log.info(
                    "Schema module '{}': {} migration(s) applied, now at version {}",
                    module.name(),
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    public List<SchemaModule> modules() {
        return modules;
    }
}

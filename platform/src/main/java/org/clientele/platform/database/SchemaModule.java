package org.clientele.platform.database;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One module's share of the database schema: its Flyway migrations and its own history table.
 * Each side migrates only what it owns, so the two sides can run as separate processes on one database
 * without one seeing the other's migrations as "missing".
 */
public record SchemaModule(String name, String location, int order) {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,30}$");

    public SchemaModule {
        Objects.requireNonNull(location, "location");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schema module name must be a lower-case identifier, got " + name);
        }
    }

    String historyTable() {
        return "flyway_history_" + name;
    }
}

package org.clientele.platform.axon.rebuild;

import java.util.List;

/**
 * A streaming projection that can be rebuilt in a shadow generation: its processing group and every table it writes
 * (its reset handler's tables). A rebuild builds fresh copies of these tables from the whole event store while the
 * live ones keep serving, then puts the copies in their place in one transaction.
 */
public record RebuildableReadModel(String processingGroup, List<String> tables) {

    public RebuildableReadModel {
        if (processingGroup == null || processingGroup.isBlank()) {
            throw new IllegalArgumentException("a read model needs its processing group");
        }
        if (tables == null || tables.isEmpty()) {
            throw new IllegalArgumentException("read model " + processingGroup + " names no table");
        }
        for (String table : tables) {
            if (!table.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain table name: " + table);
            }
        }
        tables = List.copyOf(tables);
    }
}

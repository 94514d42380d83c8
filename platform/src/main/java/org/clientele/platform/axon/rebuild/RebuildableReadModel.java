package org.clientele.platform.axon.rebuild;

import java.util.List;
import java.util.Set;

/**
 * A streaming projection that can be rebuilt in a shadow generation: its processing group and every table it writes
 * (its reset handler's tables). A rebuild builds fresh copies of these tables from the whole event store while the
 * live ones keep serving, then puts the copies in their place in one transaction.
 *
 * <p>{@code queryOnlyIndexes} names the indexes of these tables that only the read API uses, never the projection
 * while it writes: the rebuild builds them once the tables are loaded, which is quicker than keeping them up to date
 * row by row. A primary or unique key may be named too when the projection never reads through it and writes each
 * row once by itself (it checks its keys in memory, not with {@code ON CONFLICT}); the key is then added at the end,
 * and a duplicate fails the rebuild there. Every other index is there from the start, since a projection that reads its own table while it writes
 * (the ledger's last link of a customer) would otherwise scan the growing table at each batch.
 */
public record RebuildableReadModel(String processingGroup, List<String> tables, Set<String> queryOnlyIndexes) {

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
        for (String index : queryOnlyIndexes) {
            if (!index.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain index name: " + index);
            }
        }
        tables = List.copyOf(tables);
        queryOnlyIndexes = Set.copyOf(queryOnlyIndexes);
    }

    /** A read model whose every index is kept up to date while it is rebuilt. */
    public RebuildableReadModel(String processingGroup, List<String> tables) {
        this(processingGroup, tables, Set.of());
    }
}

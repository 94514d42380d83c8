package org.clientele.query.segment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.customer.PhaseHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link FactIndex} of the customer file in step with the read model. Built on first use from the read
 * model's tables; afterwards each query first asks which profiles changed (every profile write takes the next
 * {@code change_seq}) and reloads just those customers into a small second index that overrides the first. When the
 * changes outgrow {@code clientele.segments.rebuild-after-changes} (default 5 % of the file, at least 10,000), the
 * whole index is rebuilt.
 *
 * <p>Sequence numbers are taken when a write happens but become visible when it commits; with several projection
 * segments writing at once, a lower number can appear after a higher one. So each refresh looks again at the last
 * {@link #LOOK_BACK} numbers before the highest one it saw, and counts as changed only the customers whose version
 * differs from the one it holds. A reset of the read model restarts the sequence, which makes the next query
 * rebuild.
 */
@Component
class FactStore {

    private static final Logger log = LoggerFactory.getLogger(FactStore.class);
    /** "Forever": phase periods are computed up to here, so that any later date reads them as they will stand. */
    static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");

    static final long LOOK_BACK = 10_000;
    private static final int CHUNK = 4_096;

    /** What a query reads: the index, the override, and which customers of the index it overrides. */
    record Snapshot(FactIndex base, FactIndex changes, BitSet overridden) {

        interface Visitor {
            void visit(FactIndex index, int customer);
        }

        /** One customer's phase at an instant, or null when not in the file (then). */
        org.clientele.query.customer.LifecyclePhase phaseAt(UUID customer, long at) {
            int changed = changes.find(customer);
            if (changed >= 0) {
                return changes.phaseAt(changed, at);
            }
            int known = base.find(customer);
            return known < 0 || overridden.get(known) ? null : base.phaseAt(known, at);
        }

        void forEach(Visitor visitor) {
            for (int i = 0; i < base.size; i++) {
                if (!overridden.get(i)) {
                    visitor.visit(base, i);
                }
            }
            for (int i = 0; i < changes.size; i++) {
                visitor.visit(changes, i);
            }
        }
    }

    private final CustomerBase loader;
    private final JdbcTemplate jdbc;
    private final LifecycleSettings lifecycle;
    private final int minimumRebuild;
    private final boolean warmUp;

    private FactIndex base;
    private FactIndex changes = FactIndex.empty();
    private BitSet overridden = new BitSet();
    /** The customers changed since the index was built, with the profile version last seen of each. */
    private final Map<UUID, Long> changed = new HashMap<>();

    private long seenSeq;

    FactStore(
            CustomerBase loader,
            JdbcTemplate jdbc,
            LifecycleSettings lifecycle,
            @Value("${clientele.segments.rebuild-after-changes:10000}") int minimumRebuild,
            @Value("${clientele.segments.warm-up:true}") boolean warmUp) {
        this.warmUp = warmUp;
        this.loader = loader;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.minimumRebuild = minimumRebuild;
    }

    /** A shadow rebuild replaced the profile tables: their change numbers say nothing of what this index holds. */
    @org.springframework.context.event.EventListener
    void replaced(org.clientele.platform.axon.rebuild.ReadModelReplaced replaced) {
        if (replaced.tables().contains("customer_profile") || replaced.tables().contains("customer_purchase")) {
            invalidate();
        }
    }

    /** The customer file as it stands in the read model now. */
    synchronized Snapshot current() {
        Long latest = jdbc.queryForObject("SELECT coalesce(max(change_seq), 0) FROM customer_profile", Long.class);
        long head = latest == null ? 0 : latest;
        if (base == null || head < seenSeq) {
            rebuild(head); // first use, or the read model was reset (its reset restarts the sequence)
            return new Snapshot(base, changes, overridden);
        }
        // Look back past the highest number seen: a write that took a lower number may have committed since.
        boolean dirty = false;
        for (var row : jdbc.queryForList(
                "SELECT customer_id, change_seq FROM customer_profile WHERE change_seq > ?",
                Math.max(0, seenSeq - LOOK_BACK))) {
            UUID id = (UUID) row.get("customer_id");
            long seq = ((Number) row.get("change_seq")).longValue();
            Long known = changed.containsKey(id) ? changed.get(id) : baseSeq(id);
            if (known == null || known != seq) {
                changed.put(id, seq);
                dirty = true;
            }
        }
        seenSeq = head;
        if (dirty) {
            if (changed.size() > Math.max(minimumRebuild, base.size / 20)) {
                rebuild(head);
            } else {
                changes = load(changed.keySet());
                BitSet replaced = new BitSet(base.size);
                for (UUID id : changed.keySet()) {
                    int at = base.find(id);
                    if (at >= 0) {
                        replaced.set(at);
                    }
                }
                overridden = replaced;
            }
        }
        return new Snapshot(base, changes, overridden);
    }

    /** The profile version the index was built with, or null for a customer it does not hold (new, or merged). */
    private Long baseSeq(UUID id) {
        int at = base.find(id);
        return at < 0 ? null : base.changeSeq(at);
    }

    /**
     * Builds the index in the background once the application is ready, so that the first query does not pay for it
     * (about 16 s at a million customers); {@code clientele.segments.warm-up=false} leaves it to the first query.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        if (!warmUp) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        current();
                    } catch (RuntimeException e) {
                        log.warn("The segment index could not be built ahead of the first query: {}", e.toString());
                    }
                },
                "segment-index-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Drops everything; the next query rebuilds (after a projection reset, or in tests). */
    synchronized void invalidate() {
        base = null;
    }

    private void rebuild(long head) {
        long started = System.nanoTime();
        base = null; // let the old index go before the new one is built
        changes = FactIndex.empty();
        overridden = new BitSet();
        changed.clear();
        base = load(null);
        seenSeq = head;
        log.info("Segment index built: {} customers in {} ms", base.size, (System.nanoTime() - started) / 1_000_000);
    }

    /** Loads customers (all when {@code only} is null), their phase periods computed on both cores. */
    private FactIndex load(Set<UUID> only) {
        FactIndex.Builder builder = new FactIndex.Builder();
        List<CustomerRecord> chunk = new ArrayList<>(CHUNK);
        java.util.function.Consumer<CustomerRecord> collect = record -> {
            chunk.add(record);
            if (chunk.size() == CHUNK) {
                addAll(builder, chunk);
                chunk.clear();
            }
        };
        if (only == null) {
            loader.scan(FOREVER, collect);
        } else if (!only.isEmpty()) {
            loader.scanSome(only, FOREVER, collect);
        }
        addAll(builder, chunk);
        if (only == null) {
            loader.lines(null, builder::addLine);
        } else if (!only.isEmpty()) {
            loader.lines(only, builder::addLine);
        }
        return builder.build();
    }

    private void addAll(FactIndex.Builder builder, List<CustomerRecord> records) {
        List<PhaseHistory> histories = records.parallelStream()
                .map(record -> PhaseHistory.of(record.history(), record.knownSince(), FOREVER, lifecycle))
                .toList();
        for (int i = 0; i < records.size(); i++) {
            builder.add(records.get(i), histories.get(i));
        }
    }
}

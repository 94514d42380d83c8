package org.clientele.platform.axon.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds read models in a shadow generation while the live ones keep serving (blue/green).
 *
 * <p>The new generation's tables are made in the schema {@value #SCHEMA}, with the live tables' columns,
 * defaults, unique keys and the indexes the projections read through; the indexes only queries use are built at the
 * end, which is quicker than keeping them up to date ({@link RebuildableReadModel#queryOnlyIndexes()}).
 * The event store is read in global-index order by {@link EventTableReader} on a second thread, and each batch is
 * handed to the projections' own event handlers in one unit of work and one transaction whose {@code search_path}
 * puts the shadow schema first: the very code that keeps the live view writes the new one, so both hold the same
 * rows. The same transaction records how far the rebuild has come, so a rebuild that is stopped (a crash, a
 * {@code kill -9}, a restart) resumes from its last batch on the next start, and the live tables are never touched
 * until the switch.
 *
 * <p>Once the shadow has caught up with the head, the live processors of these projections are paused, the last
 * events are applied and, in one transaction, each live table moves out to a retired schema, its shadow moves into
 * {@code public} under the same name, and each processor's token is set to the shadow's last token. Queries wait for
 * that transaction for a few milliseconds at most; none sees an empty or half-built view. The processors then start
 * again from exactly that token, so no event is skipped or handled twice, and the retired tables are dropped.
 */
public class ShadowRebuild {

    static final String SCHEMA = "clientele_rebuild";
    static final String RETIRED = "clientele_retired";
    private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);
    private static final Pattern INDEX_TARGET = Pattern.compile(" ON (ONLY )?(public\\.)?([a-z_][a-z0-9_]*) ");

    /**
     * Tuning: the size of a batch, in events and bytes, and of one reading pass; how often progress is logged; and
     * a ceiling on the rate (0: none), to spare a database that also serves the live load.
     */
    public record Settings(
            int batchEvents, long batchBytes, long passEvents, Duration progressEvery, long maxEventsPerSecond) {}

    private final Map<String, RebuildableReadModel> models = new LinkedHashMap<>();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final EventUpcaster upcasters;
    private final ApplicationEventPublisher events;
    private final Settings settings;
    private final org.clientele.platform.privacy.CustomerKeys keys;
    private final AtomicReference<RebuildProgress> current = new AtomicReference<>();
    private volatile Thread worker;

    public ShadowRebuild(
            List<RebuildableReadModel> readModels,
            DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactionManager,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            Serializer eventSerializer,
            Serializer tokenSerializer,
            EventUpcaster upcasters,
            ApplicationEventPublisher events,
            org.clientele.platform.privacy.CustomerKeys keys,
            Settings settings) {
        this.keys = keys;
        readModels.forEach(model -> models.put(model.processingGroup(), model));
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.serializer = tokenSerializer;
        this.events = events;
        this.settings = settings;
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
    }

    /** The projections that can be rebuilt, by processing group. */
    public Set<String> rebuildable() {
        return models.keySet();
    }

    /** The running rebuild, or the last one this process ran. */
    public Optional<RebuildProgress> progress() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Starts rebuilding these projections in the background.
     *
     * @throws IllegalStateException when a rebuild is already running
     * @throws IllegalArgumentException when a name is not a rebuildable projection
     */
    public synchronized RebuildProgress start(List<String> processingGroups) {
        if (worker != null && worker.isAlive()) {
            throw new IllegalStateException("a rebuild is already running");
        }
        List<RebuildableReadModel> chosen = new ArrayList<>();
        for (String name : new LinkedHashSet<>(processingGroups)) {
            RebuildableReadModel model = models.get(name);
            if (model == null) {
                throw new IllegalArgumentException("no rebuildable projection named " + name);
            }
            chosen.add(model);
        }
        RebuildProgress progress = RebuildProgress.started(
                chosen.stream().map(RebuildableReadModel::processingGroup).toList(), head());
        current.set(progress);
        launch(
                () -> {
                    prepare(chosen);
                    return null;
                },
                chosen,
                progress);
        return progress;
    }

    /** Resumes a rebuild that a previous run of the application left unfinished, if any. */
    public synchronized Optional<RebuildProgress> resumeIfInterrupted() {
        List<String> groups = unfinishedJob();
        if (groups == null) {
            return Optional.empty();
        }
        List<RebuildableReadModel> chosen = groups.stream()
                .map(models::get)
                .filter(java.util.Objects::nonNull)
                .toList();
        if (chosen.size() != groups.size()) {
            log.warn("Dropping an unfinished rebuild of {}: this version does not know all of them", groups);
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            return Optional.empty();
        }
        if (jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + ".rebuild_progress", Long.class) == 0) {
            log.warn(
                    "The interrupted rebuild of {} lost its unlogged shadow tables in a database crash: starting it"
                            + " over",
                    groups);
            current.set(RebuildProgress.started(groups, head()));
            launch(
                    () -> {
                        prepare(chosen);
                        return null;
                    },
                    chosen,
                    current.get());
            return Optional.of(current.get());
        }
        GapAwareTrackingToken token = storedToken();
        RebuildProgress progress =
                RebuildProgress.started(groups, head()).resumed(storedEvents(), token == null ? 0 : token.getIndex());
        current.set(progress);
        log.info("Resuming the interrupted rebuild of {} after event {}", groups, progress.position());
        launch(() -> token, chosen, progress);
        return Optional.of(progress);
    }

    private void launch(
            java.util.concurrent.Callable<GapAwareTrackingToken> from,
            List<RebuildableReadModel> chosen,
            RebuildProgress initial) {
        Thread thread = new Thread(
                () -> {
                    try {
                        run(from.call(), chosen);
                    } catch (InterruptedException e) {
                        current.updateAndGet(p -> p.failed("interrupted"));
                        Thread.currentThread().interrupt();
                    } catch (Exception | Error e) {
                        log.error("The rebuild of {} failed; the live views are untouched", initial.projections(), e);
                        current.updateAndGet(p -> p.failed(String.valueOf(e.getMessage())));
                    }
                },
                "shadow-rebuild");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Asks a running rebuild to stop after its current batch; it resumes on the next start. */
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(GapAwareTrackingToken start, List<RebuildableReadModel> chosen) throws Exception {
        Dispatcher dispatcher = new Dispatcher(chosen);
        EventTableReader reader = new EventTableReader(
                dataSource,
                eventSerializer,
                upcasters,
                10_000,
                60_000,
                settings.batchEvents(),
                settings.batchBytes(),
                dispatcher::wants,
                aggregates -> keys.preload(aggregates.stream()
                        .map(ShadowRebuild::uuidOrNull)
                        .filter(java.util.Objects::nonNull)
                        .toList()));
        GapAwareTrackingToken token = start;
        Instant began = Instant.now();
        while (true) {
            Pass pass = pipeline(reader, token, dispatcher);
            token = pass.token;
            if (pass.count == 0) {
                break;
            }
        }
        log.info("Shadow generation of {} reached the head in {}; making it logged", names(chosen), since(began));
        current.updateAndGet(p -> p.state(RebuildProgress.State.MAKING_DURABLE));
        makeDurable(chosen);
        current.updateAndGet(p -> p.state(RebuildProgress.State.SWITCHING));
        List<StreamingEventProcessor> processors = pause(chosen);
        try {
            claimTokens(chosen);
            while (true) { // the events appended while the indexes were built
                Pass pass = pipeline(reader, token, dispatcher);
                token = pass.token;
                if (pass.count == 0) {
                    break;
                }
            }
            switchOver(reader, chosen, token, dispatcher);
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
        jdbc.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        for (RebuildableReadModel model : chosen) {
            processing.deadLetterQueue(model.processingGroup()).ifPresent(queue -> queue.clear());
        }
        Set<String> tables = new LinkedHashSet<>();
        chosen.forEach(model -> tables.addAll(model.tables()));
        events.publishEvent(new ReadModelReplaced(new LinkedHashSet<>(names(chosen)), tables));
        RebuildProgress done = current.updateAndGet(RebuildProgress::done);
        log.info(
                "Rebuilt {}: {} events in {} ({} events/s); queries now read the new generation",
                names(chosen),
                done.events(),
                since(began),
                done.eventsPerSecond());
    }

    private record Pass(GapAwareTrackingToken token, long count) {}

    private static final Object END = new Object();

    /** One reading pass on a second thread, decoded there, while this thread applies and writes. */
    private Pass pipeline(EventTableReader reader, GapAwareTrackingToken from, Dispatcher dispatcher) throws Exception {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readPass(from, settings.passEvents(), batch -> put(queue, batch));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("reading the event store failed: " + e.getMessage(), e);
            } finally {
                put(queue, END);
            }
        });
        GapAwareTrackingToken token = from;
        Instant lastLog = Instant.now();
        try {
            for (Object next = queue.take(); next != END; next = queue.take()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                EventTableReader.Batch batch = (EventTableReader.Batch) next;
                apply(batch, dispatcher);
                token = batch.token();
                long head = head();
                RebuildProgress progress =
                        current.updateAndGet(p -> p.advanced(batch.token().getIndex(), batch.read(), head));
                if (Duration.between(lastLog, Instant.now()).compareTo(settings.progressEvery()) >= 0) {
                    lastLog = Instant.now();
                    log.info(
                            "Rebuilding {}: event {} of {}, {} events/s, about {} s left",
                            progress.projections(),
                            progress.position(),
                            progress.head(),
                            progress.eventsPerSecond(),
                            progress.secondsLeft());
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            read.cancel(true);
            queue.clear();
            throw e;
        }
        long count = read.get();
        return new Pass(token, count);
    }

    private void throttle(RebuildProgress progress) throws InterruptedException {
        if (settings.maxEventsPerSecond() <= 0) {
            return;
        }
        long due = progress.eventsThisRun() * 1000 / settings.maxEventsPerSecond();
        long spent = Duration.between(progress.startedAt(), Instant.now()).toMillis();
        if (due > spent) {
            Thread.sleep(due - spent);
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was stopped", e);
        }
    }

    /** One batch: the projections' handlers in one unit of work, writing into the shadow tables, with progress. */
    private void apply(EventTableReader.Batch batch, Dispatcher dispatcher) {
        transactions.executeWithoutResult(status -> {
            shadowFirst();
            dispatch(batch.events(), dispatcher);
            saveProgress(batch.token(), batch.read());
        });
    }

    private void shadowFirst() {
        jdbc.execute("SET LOCAL search_path TO " + SCHEMA + ", public");
        // a lost batch is read again on resume, together with its progress row
        jdbc.execute("SET LOCAL synchronous_commit TO off");
    }

    private static void dispatch(List<TrackedEventMessage<?>> batch, Dispatcher dispatcher) {
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> {
                    dispatcher.handle(unitOfWork.getMessage());
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw new IllegalStateException("a projection failed on an event: " + cause.getMessage(), cause);
        }
    }

    private void prepare(List<RebuildableReadModel> chosen) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
        transactions.executeWithoutResult(status -> {
            jdbc.execute("CREATE SCHEMA " + SCHEMA);
            for (RebuildableReadModel model : chosen) {
                Set<String> unknown = new LinkedHashSet<>(model.queryOnlyIndexes());
                model.tables()
                        .forEach(
                                table -> unknown.removeAll(keysAndIndexes(table).keySet()));
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException("projection " + model.processingGroup()
                            + " names query-only indexes its tables do not have: " + unknown);
                }
                for (String table : model.tables()) {
                    // unlogged while it loads: no WAL per row; made logged, in bulk, before it goes live
                    jdbc.execute("CREATE UNLOGGED TABLE " + SCHEMA + "." + table + " (LIKE public." + table
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY"
                            + " INCLUDING STORAGE)");
                    // the keys and indexes the projection reads through while it writes, from the start (without
                    // its index such a read scans the whole growing table at each batch); those only queries use,
                    // at the end
                    keysAndIndexes(table).forEach((name, definition) -> {
                        if (!model.queryOnlyIndexes().contains(name)) {
                            jdbc.execute(definition);
                        }
                    });
                }
            }
            jdbc.execute("CREATE TABLE " + SCHEMA + ".rebuild_job (id INT PRIMARY KEY, projections TEXT NOT NULL,"
                    + " started_at TIMESTAMPTZ NOT NULL)");
            jdbc.update("INSERT INTO " + SCHEMA + ".rebuild_job VALUES (1, ?, now())", String.join(",", names(chosen)));
            // unlogged like the tables it vouches for: a database crash empties both, and the rebuild starts over
            jdbc.execute("CREATE UNLOGGED TABLE " + SCHEMA + ".rebuild_progress (id INT PRIMARY KEY, token BYTEA,"
                    + " token_type TEXT, events BIGINT NOT NULL)");
            jdbc.update("INSERT INTO " + SCHEMA + ".rebuild_progress VALUES (1, NULL, NULL, 0)");
        });
        log.info("Shadow generation of {} prepared in schema {}", names(chosen), SCHEMA);
    }

    /**
     * The live table's primary, unique and exclusion keys, then its other indexes, by name, as the statements that
     * give them to the shadow table.
     */
    private Map<String, String> keysAndIndexes(String table) {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (var key : jdbc.queryForList(
                "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint "
                        + "WHERE conrelid = ('public.' || ?)::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname",
                table)) {
            definitions.put(
                    (String) key.get("conname"),
                    "ALTER TABLE " + SCHEMA + "." + table + " ADD CONSTRAINT \"" + key.get("conname") + "\" "
                            + key.get("def"));
        }
        // the indexes no key backs, rewritten for the shadow table
        for (var index : jdbc.queryForList(
                "SELECT x.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i "
                        + "JOIN pg_class x ON x.oid = i.indexrelid "
                        + "WHERE i.indrelid = ('public.' || ?)::regclass "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                        + "ORDER BY x.relname",
                table)) {
            String definition = (String) index.get("definition");
            Matcher target = INDEX_TARGET.matcher(definition);
            if (!target.find() || !target.group(3).equals(table)) {
                throw new IllegalStateException("cannot read the index definition " + definition);
            }
            definitions.put((String) index.get("name"), target.replaceFirst(" ON " + SCHEMA + "." + table + " "));
        }
        return definitions;
    }

    /**
     * The shadow tables made logged, in bulk, then given the indexes only queries use, and analysed, before they go
     * live. PostgreSQL does each table on one core, so two tables at a time, the largest first.
     */
    private void makeDurable(List<RebuildableReadModel> chosen) throws InterruptedException {
        record Table(String name, Set<String> queryOnlyIndexes, long bytes) {}
        List<Table> tables = new ArrayList<>();
        for (RebuildableReadModel model : chosen) {
            for (String table : model.tables()) {
                Long bytes = jdbc.queryForObject(
                        "SELECT pg_relation_size(('" + SCHEMA + ".' || ?)::regclass)", Long.class, table);
                tables.add(new Table(table, model.queryOnlyIndexes(), bytes == null ? 0 : bytes));
            }
        }
        tables.sort(Comparator.comparingLong(Table::bytes).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "shadow-rebuild-durable");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> durable = new ArrayList<>();
            for (Table table : tables) {
                durable.add(pool.submit(() -> {
                    jdbc.execute("ALTER TABLE " + SCHEMA + "." + table.name() + " SET LOGGED");
                    // a key left for the end is checked as it is built: a duplicate fails the rebuild
                    keysAndIndexes(table.name()).forEach((name, definition) -> {
                        if (table.queryOnlyIndexes().contains(name)) {
                            jdbc.execute(definition);
                        }
                    });
                    jdbc.execute("ANALYZE " + SCHEMA + "." + table.name());
                }));
            }
            for (Future<?> table : durable) {
                try {
                    table.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<StreamingEventProcessor> pause(List<RebuildableReadModel> chosen) throws Exception {
        List<StreamingEventProcessor> paused = new ArrayList<>();
        for (RebuildableReadModel model : chosen) {
            Optional<StreamingEventProcessor> processor =
                    processing.eventProcessor(model.processingGroup(), StreamingEventProcessor.class);
            if (processor.isPresent() && processor.get().isRunning()) {
                processor.get().shutdownAsync().get(60, TimeUnit.SECONDS);
                paused.add(processor.get());
            }
        }
        return paused;
    }

    /**
     * The last events, the tables' exchange and the tokens, in one transaction: a query reads either the old
     * generation or the new one, and the processors continue exactly after the last event the new one holds.
     */
    private void switchOver(
            EventTableReader reader,
            List<RebuildableReadModel> chosen,
            GapAwareTrackingToken token,
            Dispatcher dispatcher)
            throws Exception {
        AtomicReference<GapAwareTrackingToken> last = new AtomicReference<>(token);
        List<EventTableReader.Batch> tail = new ArrayList<>();
        reader.readPass(token, Long.MAX_VALUE, tail::add);
        transactions.executeWithoutResult(status -> {
            for (EventTableReader.Batch batch : tail) {
                shadowFirst();
                dispatch(batch.events(), dispatcher);
                last.set(batch.token());
            }
            jdbc.execute("SET LOCAL search_path TO public");
            jdbc.execute("CREATE SCHEMA " + RETIRED);
            for (RebuildableReadModel model : chosen) {
                for (String table : model.tables()) {
                    jdbc.execute("LOCK TABLE public." + table + " IN ACCESS EXCLUSIVE MODE");
                }
            }
            for (RebuildableReadModel model : chosen) {
                for (String table : model.tables()) {
                    jdbc.execute("ALTER TABLE public." + table + " SET SCHEMA " + RETIRED);
                    jdbc.execute("ALTER TABLE " + SCHEMA + "." + table + " SET SCHEMA public");
                }
                setToken(model.processingGroup(), last.get());
            }
        });
        long tailEvents =
                tail.stream().mapToLong(batch -> batch.events().size()).sum();
        current.updateAndGet(
                p -> p.advanced(last.get() == null ? p.position() : last.get().getIndex(), tailEvents, p.head()));
    }

    /**
     * Takes every segment's claim for this process before the switch. A claim held by a process that is gone (the
     * one a rebuild was killed in) lapses after the token store's claim timeout; until then this waits, as Axon's
     * own processor would, rather than take a claim a live process may still hold.
     */
    private void claimTokens(List<RebuildableReadModel> chosen) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        for (RebuildableReadModel model : chosen) {
            String processor = model.processingGroup();
            while (true) {
                try {
                    transactions.executeWithoutResult(status -> {
                        for (int segment : tokenStore.fetchSegments(processor)) {
                            tokenStore.fetchToken(processor, segment);
                        }
                    });
                    break;
                } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException held) {
                    if (Instant.now().isAfter(deadline)) {
                        throw held;
                    }
                    log.info("Waiting for another process's claim on {} to lapse: {}", processor, held.getMessage());
                    Thread.sleep(1_000);
                }
            }
        }
    }

    private void setToken(String processor, GapAwareTrackingToken token) {
        int[] segments = tokenStore.fetchSegments(processor);
        if (segments.length == 0) {
            tokenStore.initializeTokenSegments(processor, 1, token);
            return;
        }
        for (int segment : segments) {
            tokenStore.fetchToken(processor, segment);
            tokenStore.storeToken(token, processor, segment);
            tokenStore.releaseClaim(processor, segment);
        }
    }

    private void saveProgress(GapAwareTrackingToken token, long events) {
        SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);
        jdbc.update(
                "UPDATE " + SCHEMA + ".rebuild_progress SET token = ?, token_type = ?, events = events + ? "
                        + "WHERE id = 1",
                stored.getData(),
                stored.getType().getName(),
                events);
    }

    private List<String> unfinishedJob() {
        Boolean exists =
                jdbc.queryForObject("SELECT to_regclass('" + SCHEMA + ".rebuild_job') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            if (Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + SCHEMA + "')", Boolean.class))) {
                // stopped while its tables were being made: nothing to resume
                jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            return null;
        }
        List<String> groups =
                jdbc.queryForList("SELECT projections FROM " + SCHEMA + ".rebuild_job WHERE id = 1", String.class);
        return groups.isEmpty() ? null : List.of(groups.get(0).split(","));
    }

    private GapAwareTrackingToken storedToken() {
        var row = jdbc.queryForMap("SELECT token, token_type FROM " + SCHEMA + ".rebuild_progress WHERE id = 1");
        if (row.get("token") == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(
                (byte[]) row.get("token"), byte[].class, (String) row.get("token_type"), null));
    }

    private long storedEvents() {
        Long events =
                jdbc.queryForObject("SELECT events FROM " + SCHEMA + ".rebuild_progress WHERE id = 1", Long.class);
        return events == null ? 0 : events;
    }

    /** The highest global index in the event store. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private static java.util.UUID uuidOrNull(String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException notACustomer) {
            return null;
        }
    }

    private static List<String> names(List<RebuildableReadModel> chosen) {
        return chosen.stream().map(RebuildableReadModel::processingGroup).toList();
    }

    private static String since(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() + " ms";
    }

    /** The chosen projections' own handlers, found once per payload type, called in the order Axon would. */
    private final class Dispatcher {
        private final List<EventMessageHandler> handlers = new ArrayList<>();
        private final Map<Class<?>, List<EventMessageHandler>> byType = new java.util.HashMap<>();

        Dispatcher(List<RebuildableReadModel> chosen) {
            for (RebuildableReadModel model : chosen) {
                EventHandlerInvoker invoker = processing
                        .eventProcessor(model.processingGroup())
                        .filter(AbstractEventProcessor.class::isInstance)
                        .map(AbstractEventProcessor.class::cast)
                        .map(AbstractEventProcessor::eventHandlerInvoker)
                        .orElseThrow(() -> new IllegalStateException(
                                "no event processor for projection " + model.processingGroup()));
                collect(invoker);
            }
        }

        private void collect(EventHandlerInvoker invoker) {
            if (invoker instanceof MultiEventHandlerInvoker multi) {
                multi.delegates().forEach(this::collect);
            } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
                handlers.addAll(simple.eventHandlers());
            } else {
                throw new IllegalStateException(
                        "cannot rebuild through " + invoker.getClass().getName());
            }
        }

        /** Whether a chosen projection handles events of this stored type (an unknown type is handed on). */
        boolean wants(org.axonframework.serialization.SerializedType type) {
            Class<?> payload;
            try {
                payload = eventSerializer.classForType(type);
            } catch (RuntimeException unknown) {
                return true;
            }
            if (org.axonframework.serialization.UnknownSerializedType.class.equals(payload)) {
                return true;
            }
            return handlers.stream().anyMatch(handler -> handler.canHandleType(payload));
        }

        void handle(EventMessage<?> event) throws Exception {
            List<EventMessageHandler> interested = byType.computeIfAbsent(
                    event.getPayloadType(),
                    type -> handlers.stream()
                            .filter(handler -> handler.canHandleType(type))
                            .toList());
            for (EventMessageHandler handler : interested) {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            }
        }
    }
}

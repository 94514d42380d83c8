package org.clientele.command.importing;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.clientele.command.customer.AmendContactDetails;
import org.clientele.command.customer.ContactNormaliser;
import org.clientele.command.customer.CustomerRejected;
import org.clientele.command.customer.Outcome;
import org.clientele.command.customer.RecordPurchase;
import org.clientele.command.customer.RecordReturn;
import org.clientele.command.customer.RegisterContact;
import org.clientele.command.customer.Rejection;
import org.clientele.command.identity.IdentityIndex;
import org.clientele.command.identity.IdentityKey;
import org.clientele.command.importing.CsvRows.Row;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.Origin;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.clientele.events.purchase.UnitPrice;

/**
 * Reads one file and turns it into commands, the same way for the HTTP import and the command line. Every command
 * is idempotent and every customer id is derived from its identity, so running a file again, or running again an
 * import that was killed halfway, converges to the state of one clean run. One order is one command: it is recorded
 * whole or not at all.
 */
final class ImportRunner {

    private static final int PROGRESS_EVERY_ROWS = 5_000;
    private static final int MAX_CACHED_IDENTITIES = 500_000;

    private final CommandGateway commands;
    private final IdentityIndex identities;
    private final ImportJobRepository jobs;
    private final UUID jobId;
    private final ImportKind kind;
    private final ImportMapping mapping;
    private final FieldParser parse;
    private final ContactNormaliser normaliser;
    private final MetaData metadata;
    private final Consumer<ImportProgress> listener;

    private final TransactionManager transactions;
    private final int chunkSize;
    private UnitOfWork<?> chunk;
    private final List<Runnable> chunkUnits = new ArrayList<>();
    private final List<String> chunkOrders = new ArrayList<>();
    private long[] chunkStart;
    private int chunkRejectionsStart;
    private boolean chunkPoisoned;

    private final Map<IdentityKey, CustomerId> resolved = new LinkedHashMap<>();
    private final Set<String> ordersSeen = new HashSet<>();
    private final List<Rejected> pendingRejections = new ArrayList<>();
    private long rowsRead;
    private long rowsAccepted;
    private long rowsRejected;
    private long rowsReturns;
    private long customersCreated;
    private long customersMatched;
    private long purchases;
    private long returns;
    private CsvRows rows;

    ImportRunner(
            CommandGateway commands,
            IdentityIndex identities,
            ImportJobRepository jobs,
            TransactionManager transactions,
            int chunkSize,
            UUID jobId,
            ImportKind kind,
            ImportMapping mapping,
            String defaultCountry,
            String user,
            Consumer<ImportProgress> listener) {
        this.commands = commands;
        this.transactions = transactions;
        this.chunkSize = chunkSize;
        this.identities = identities;
        this.jobs = jobs;
        this.jobId = jobId;
        this.kind = kind;
        this.mapping = mapping;
        this.parse = new FieldParser(mapping);
        this.normaliser =
                new ContactNormaliser(mapping.defaultCountry() != null ? mapping.defaultCountry() : defaultCountry);
        this.metadata = MetaData.with(MessageMetadata.USER, user)
                .and(MessageMetadata.SOURCE_SYSTEM, "import:" + mapping.source())
                .and(MessageMetadata.CORRELATION_ID, jobId.toString());
        this.listener = listener;
    }

    ImportProgress run(Path file) throws IOException {
        Set<String> splitOrders = kind == ImportKind.PURCHASES ? CsvRows.splitOrders(file, mapping) : Set.of();
        Map<String, List<Row>> scattered = new LinkedHashMap<>();
        try (CsvRows csv = new CsvRows(file, mapping)) {
            this.rows = csv;
            for (String header : csv.headers()) {
                var control = org.clientele.events.text.ControlCharacters.problem(header);
                if (control.isPresent()) {
                    throw new ImportFailed("the header line " + control.get() + ": a NUL between letters means a"
                            + " UTF-16 file without a byte-order mark; give its encoding in the mapping"
                            + " (\"encoding\": \"UTF-16LE\")");
                }
            }
            List<String> missing = csv.missingHeaders();
            if (!missing.isEmpty()) {
                throw new ImportFailed("the file has no column " + missing + "; its columns are " + csv.headers());
            }
            jobs.running(jobId, String.join(",", csv.headers()));
            if (kind == ImportKind.CONTACTS) {
                for (Row row : csv) {
                    rowsRead++;
                    String control = controlCharacters(row);
                    if (control != null) {
                        reject(row, control);
                    } else {
                        inChunk(() -> importContact(row), null);
                    }
                    maybeReport();
                }
            } else {
                List<Row> order = new ArrayList<>();
                for (Row row : csv) {
                    rowsRead++;
                    String reference = row.get("orderReference");
                    String control = controlCharacters(row);
                    if (control != null) {
                        reject(row, control);
                    } else if (reference == null) {
                        reject(row, "orderReference is missing");
                    } else {
                        if (splitOrders.contains(reference)) {
                            // its lines are gathered, and the order imported whole once the file is read
                            scattered
                                    .computeIfAbsent(reference, key -> new ArrayList<>())
                                    .add(row);
                            maybeReport();
                            continue;
                        }
                        if (!order.isEmpty() && !reference.equals(order.get(0).get("orderReference"))) {
                            List<Row> complete = order;
                            inChunk(() -> importOrder(complete), complete.get(0).get("orderReference"));
                            order = new ArrayList<>();
                        }
                        order.add(row);
                    }
                    maybeReport();
                }
                if (!order.isEmpty()) {
                    List<Row> complete = order;
                    inChunk(() -> importOrder(complete), complete.get(0).get("orderReference"));
                }
                for (List<Row> complete : scattered.values()) {
                    inChunk(() -> importOrder(complete), complete.get(0).get("orderReference"));
                }
            }
            commitChunk();
            return report();
        } catch (Throwable e) {
            abandonChunk();
            if (rows != null) {
                report(); // the job shows how far it got; running the file again completes it
            }
            throw e;
        }
    }

    /** A failure outside any command (an unreadable file, a lost database): the open chunk is dropped whole. */
    private void abandonChunk() {
        if (chunk != null) {
            if (chunk.isActive()) {
                chunk.rollback();
            }
            restore(chunkStart);
            pendingRejections
                    .subList(chunkRejectionsStart, pendingRejections.size())
                    .clear();
            ordersSeen.removeAll(chunkOrders);
            resolved.clear();
            clearChunk();
        }
    }

    private void importContact(Row row) {
        try {
            String reference = FieldParser.reference(row.get("externalReference"));
            ContactDetails contact = normaliser.normalise(new ContactNormaliser.RawContact(
                    row.get("firstName"),
                    row.get("lastName"),
                    row.get("email"),
                    row.get("phone"),
                    row.get("street"),
                    row.get("postalCode"),
                    row.get("city"),
                    row.get("country")));
            List<IdentityKey> keys = IdentityKey.of(mapping.source(), reference, contact);
            if (keys.isEmpty()) {
                reject(row, "no external reference, valid email or valid phone identifies this contact");
                return;
            }
            String registered = row.get("registeredAt");
            Instant registeredAt = registered == null ? null : parse.instant("registeredAt", registered);
            resolveAndRecord(keys, contact, reference, registeredAt, true);
            rowsAccepted++;
        } catch (IllegalArgumentException | CustomerRejected e) {
            reject(row, e.getMessage());
        }
    }

    private void importOrder(List<Row> lines) {
        String reference = lines.get(0).get("orderReference");
        if (!ordersSeen.add(reference)) {
            // cannot happen after the first pass gathered scattered orders; kept as the guard of "whole or nothing"
            lines.forEach(row -> reject(row, "order " + reference + " was already imported from this file"));
            return;
        }
        ParsedOrder order;
        try {
            order = parseOrder(reference, lines);
        } catch (OrderRejected e) {
            // each faulty line gets its own reason; the sound lines of the order say which line sank it
            Row first = e.errors.keySet().iterator().next();
            lines.forEach(row -> reject(
                    row,
                    e.errors.containsKey(row)
                            ? e.errors.get(row)
                            : "order " + reference + " not imported: line " + first.lineNumber() + " is rejected ("
                                    + e.errors.get(first) + ")"));
            return;
        } catch (IllegalArgumentException e) {
            lines.forEach(row -> reject(row, "order " + reference + " not imported: " + e.getMessage()));
            return;
        }
        try {
            ContactDetails contact = order.country == null
                    ? ContactDetails.none()
                    : normaliser.normalise(
                            new ContactNormaliser.RawContact(null, null, null, null, null, null, null, order.country));
            CustomerId customer = resolveAndRecord(
                    List.of(IdentityKey.external(mapping.source(), order.customerReference)),
                    contact,
                    order.customerReference,
                    order.at,
                    false);
            OrderReference orderReference = OrderReference.of(reference);
            if (order.isReturn) {
                Outcome outcome = send(
                        new RecordReturn(customer, orderReference, order.at, order.total, order.lines, order.channel));
                returns += outcome == Outcome.APPLIED ? 1 : 0;
                rowsReturns += lines.size();
            } else {
                Outcome outcome = send(new RecordPurchase(
                        customer, orderReference, order.at, order.total, order.lines, order.channel));
                purchases += outcome == Outcome.APPLIED ? 1 : 0;
                rowsAccepted += lines.size();
            }
        } catch (CustomerRejected | IllegalArgumentException e) {
            lines.forEach(row -> reject(row, "order " + reference + " not imported: " + e.getMessage()));
        }
    }

    private record ParsedOrder(
            String customerReference,
            Instant at,
            Money total,
            List<PurchaseLine> lines,
            boolean isReturn,
            String country,
            SalesChannel channel) {}

    private ParsedOrder parseOrder(String reference, List<Row> lines) {
        String customer = null;
        Instant at = null;
        String country = null;
        Currency currency = null;
        SalesChannel channel = mapping.channel();
        boolean anyPositive = false;
        boolean anyNegative = false;
        List<PurchaseLine> parsed = new ArrayList<>(lines.size());
        BigDecimal total = BigDecimal.ZERO;
        Map<Row, String> errors = new LinkedHashMap<>();
        for (Row row : lines) {
            try {
                String rowCustomer = FieldParser.reference(row.get("externalReference"));
                if (rowCustomer == null) {
                    throw new IllegalArgumentException(
                            "no customer reference: a line without a customer cannot be " + "attributed to anyone");
                }
                if (customer != null && !customer.equals(rowCustomer)) {
                    throw new IllegalArgumentException(
                            "order " + reference + " names two customers, " + customer + " and " + rowCustomer);
                }
                customer = rowCustomer;
                String date = required(row, "purchasedAt");
                at = at == null ? parse.instant("purchasedAt", date) : at;
                country = country == null ? row.get("country") : country;
                String currencyText = row.get("currency") != null ? row.get("currency") : mapping.currency();
                if (currencyText == null) {
                    throw new IllegalArgumentException("currency is missing");
                }
                Currency rowCurrency = Currency.getInstance(currencyText.strip().toUpperCase(java.util.Locale.ROOT));
                if (currency != null && !currency.equals(rowCurrency)) {
                    throw new IllegalArgumentException("order " + reference + " mixes currencies");
                }
                currency = rowCurrency;
                if (row.get("channel") != null) {
                    channel = SalesChannel.valueOf(row.get("channel").strip().toUpperCase(java.util.Locale.ROOT));
                }
                int quantity = parse.quantity(required(row, "quantity"));
                if (quantity == 0) {
                    throw new IllegalArgumentException("quantity is 0");
                }
                anyPositive |= quantity > 0;
                anyNegative |= quantity < 0;
                BigDecimal unitPrice = parse.decimal("unitPrice", required(row, "unitPrice"));
                PurchaseLine line = new PurchaseLine(
                        Sku.of(required(row, "sku")), Math.abs(quantity), new UnitPrice(unitPrice, currency));
                parsed.add(line);
                total = total.add(unitPrice.multiply(BigDecimal.valueOf(Math.abs(quantity))));
            } catch (IllegalArgumentException e) {
                errors.put(row, e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new OrderRejected(errors);
        }
        boolean isReturn =
                anyNegative || (mapping.returnPrefix() != null && reference.startsWith(mapping.returnPrefix()));
        if (anyPositive && anyNegative) {
            throw new IllegalArgumentException("it mixes sold and returned lines");
        }
        Money amount = new Money(
                total.setScale(Math.max(currency.getDefaultFractionDigits(), 0), java.math.RoundingMode.HALF_EVEN),
                currency);
        return new ParsedOrder(customer, at, amount, parsed, isReturn, country, channel);
    }

    /**
     * Finds the customer the identity keys name (in this run, then in the identity index) or registers a new one
     * whose id derives from the strongest key, so that a second run finds the same id.
     */
    private CustomerId resolveAndRecord(
            List<IdentityKey> keys,
            ContactDetails contact,
            String externalReference,
            Instant registeredAt,
            boolean amendKnown) {
        for (IdentityKey key : keys) {
            CustomerId known = resolved.get(key);
            if (known != null) {
                if (amendKnown) {
                    send(new AmendContactDetails(known, contact, mapping.source(), externalReference));
                }
                remember(keys, known);
                return known;
            }
        }
        var indexed = identities.find(keys);
        if (indexed.isPresent()) {
            customersMatched++;
            if (amendKnown) {
                send(new AmendContactDetails(indexed.get(), contact, mapping.source(), externalReference));
            }
            remember(keys, indexed.get());
            return indexed.get();
        }
        CustomerId id = new CustomerId(UUID.nameUUIDFromBytes(
                (keys.get(0).kind() + ":" + keys.get(0).value()).getBytes(StandardCharsets.UTF_8)));
        try {
            Outcome outcome = send(new RegisterContact(
                    id, contact, new Origin(mapping.source(), "import", null), registeredAt, externalReference));
            if (outcome == Outcome.APPLIED) {
                customersCreated++;
            } else {
                customersMatched++;
            }
        } catch (CustomerRejected e) {
            if (e.rejection() != Rejection.ALREADY_REGISTERED_DIFFERENTLY) {
                throw e;
            }
            customersMatched++; // registered by an earlier run with other details: complete them instead
            send(new AmendContactDetails(id, contact, mapping.source(), externalReference));
        }
        remember(keys, id);
        return id;
    }

    private void remember(List<IdentityKey> keys, CustomerId id) {
        if (resolved.size() >= MAX_CACHED_IDENTITIES) {
            resolved.clear();
        }
        keys.forEach(key -> resolved.put(key, id));
    }

    private Outcome send(Object command) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(metadata);
        try {
            return commands.sendAndWait(message, 60, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // a refused command has marked the chunk's transaction for rollback: the chunk is redone unit by unit
            chunkPoisoned = chunk != null;
            throw e;
        }
    }

    /**
     * Runs one unit (a contact, or a whole order) inside the open chunk: many commands share one transaction, which
     * spares a commit per command. When a command in the chunk is refused, the chunk is rolled back and its units
     * redone one by one, each in its own transaction, so that the refusal lands on its own rows only.
     */
    private void inChunk(Runnable unit, String orderReference) {
        if (chunkSize <= 1) {
            unit.run();
            return;
        }
        if (chunk == null) {
            chunkStart = counters();
            chunkRejectionsStart = pendingRejections.size();
            chunk = DefaultUnitOfWork.startAndGet(null);
            chunk.attachTransaction(transactions);
        }
        chunkUnits.add(unit);
        if (orderReference != null) {
            chunkOrders.add(orderReference);
        }
        unit.run();
        if (chunkPoisoned) {
            redoChunkOneByOne();
        } else if (chunkUnits.size() >= chunkSize) {
            commitChunk();
        }
    }

    private void commitChunk() {
        if (chunk == null) {
            return;
        }
        try {
            chunk.commit();
            clearChunk();
        } catch (RuntimeException e) {
            chunk = null; // a failed commit has rolled the unit of work back already
            redoChunkOneByOne();
        }
    }

    private void redoChunkOneByOne() {
        if (chunk != null && chunk.isActive()) {
            chunk.rollback();
        }
        List<Runnable> units = List.copyOf(chunkUnits);
        restore(chunkStart);
        pendingRejections
                .subList(chunkRejectionsStart, pendingRejections.size())
                .clear();
        ordersSeen.removeAll(chunkOrders);
        resolved.clear(); // it may name customers whose registration was just rolled back
        clearChunk();
        for (Runnable unit : units) {
            unit.run(); // chunk is null now: each command runs in a transaction of its own
        }
    }

    private void clearChunk() {
        chunk = null;
        chunkUnits.clear();
        chunkOrders.clear();
        chunkPoisoned = false;
    }

    private long[] counters() {
        return new long[] {
            rowsAccepted, rowsRejected, rowsReturns, customersCreated, customersMatched, purchases, returns
        };
    }

    private void restore(long[] counters) {
        rowsAccepted = counters[0];
        rowsRejected = counters[1];
        rowsReturns = counters[2];
        customersCreated = counters[3];
        customersMatched = counters[4];
        purchases = counters[5];
        returns = counters[6];
    }

    /** A cell holding a control character (a NUL...) cannot be recorded: the row is refused, naming the column. */
    private static String controlCharacters(Row row) {
        for (var cell : row.record().toMap().entrySet()) {
            var problem = org.clientele.events.text.ControlCharacters.problem(cell.getValue());
            if (problem.isPresent()) {
                return "column " + cell.getKey() + " " + problem.get();
            }
        }
        return null;
    }

    private void reject(Row row, String reason) {
        rowsRejected++;
        pendingRejections.add(new Rejected(row.lineNumber(), reason, row.raw()));
    }

    private void maybeReport() {
        if (rowsRead % PROGRESS_EVERY_ROWS == 0) {
            commitChunk(); // progress and rejections are written outside any chunk, so a rollback cannot lose them
            report();
        }
    }

    private ImportProgress report() {
        ImportProgress progress = new ImportProgress(
                rowsRead,
                rowsAccepted,
                rowsRejected,
                rowsReturns,
                rows.bytesRead(),
                customersCreated,
                customersMatched,
                purchases,
                returns);
        jobs.progress(jobId, progress, pendingRejections);
        pendingRejections.clear();
        listener.accept(progress);
        return progress;
    }

    private static String required(Row row, String field) {
        String value = row.get(field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /** Lines that sink their whole order, each with its reason. */
    private static final class OrderRejected extends RuntimeException {
        private final transient Map<Row, String> errors;

        OrderRejected(Map<Row, String> errors) {
            super(errors.values().iterator().next());
            this.errors = errors;
        }
    }

    /** The file cannot be imported at all. */
    static final class ImportFailed extends RuntimeException {
        ImportFailed(String reason) {
            super(reason);
        }
    }
}

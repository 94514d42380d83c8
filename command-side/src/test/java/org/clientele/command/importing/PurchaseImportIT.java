package org.clientele.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.clientele.command.CommandSideApplication;
import org.clientele.command.importing.StoredEvents.Rejection;
import org.clientele.command.importing.StoredEvents.StoredEvent;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.platform.privacy.CryptoShreddingSerializer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Purchases files on a real PostgreSQL, with a slice of the UCI Online Retail file and small hand-written files in
 * its layout. Each test imports under a source of its own, so its customers (whose ids derive from source and
 * reference) are its own although the tests share one database.
 */
@SpringBootTest(
        classes = CommandSideApplication.class,
        properties = {"spring.config.name=command-side", "spring.profiles.active=dev"})
class PurchaseImportIT {

    private static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID," + "Country";
    private static final Consumer<ImportProgress> QUIETLY = progress -> {};

    private static UciSlice slice;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CryptoShreddingSerializer serializer;

    @TempDir
    Path folder;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @BeforeAll
    static void readTheSlice() {
        slice = UciSlice.load();
        // the slice must exercise what the tests claim: orders without a customer, and cancellations
        assertThat(slice.lines()).hasSize(6000);
        assertThat(slice.linesWithoutCustomer()).isPositive();
        assertThat(slice.returnInvoices()).isNotEmpty();
    }

    private ImportJob importSlice(String source, Consumer<ImportProgress> listener) throws IOException {
        return imports.runNow(
                ImportKind.PURCHASES, MappingFixture.onlineRetail(source), slice.file(), "tester", listener);
    }

    private ImportJob importLines(String source, String... lines) throws IOException {
        Path file = Files.writeString(folder.resolve(source + ".csv"), HEADER + "\n" + String.join("\n", lines) + "\n");
        return imports.runNow(ImportKind.PURCHASES, MappingFixture.onlineRetail(source), file, "tester", QUIETLY);
    }

    private StoredEvents stored() {
        return new StoredEvents(jdbc, serializer);
    }

    private static Set<String> references(List<StoredEvent> events, String field) {
        Set<String> references = new HashSet<>();
        events.forEach(
                event -> references.add(event.json().path(field).path("value").asText()));
        return references;
    }

    @Test
    void createsOneCustomerPerCustomerIdAndOnePurchaseOrReturnPerInvoice() throws IOException {
        ImportJob job = importSlice("uci-once", QUIETLY);

        assertThat(job.status()).isEqualTo("COMPLETED");
        List<StoredEvent> registered = stored().ofSource("uci-once", ContactRegistered.class);
        assertThat(registered).hasSize(slice.customerIds().size());
        assertThat(registered)
                .extracting(event -> event.json().path("externalReference").asText())
                .containsExactlyInAnyOrderElementsOf(slice.customerNumbers());
        assertThat(references(stored().ofSource("uci-once", PurchaseRecorded.class), "orderReference"))
                .isEqualTo(slice.purchaseInvoices());
        assertThat(stored().ofSource("uci-once", PurchaseRecorded.class))
                .hasSize(slice.purchaseInvoices().size());
        assertThat(stored().ofSource("uci-once", ReturnRecorded.class))
                .hasSize(slice.returnInvoices().size());
        assertThat(job.progress().customersCreated())
                .isEqualTo(slice.customerIds().size());
        assertThat(job.progress().purchases())
                .isEqualTo(slice.purchaseInvoices().size());
        assertThat(job.progress().returns()).isEqualTo(slice.returnInvoices().size());
    }

    @Test
    void reconcilesEveryRowAndNamesTheMissingCustomer() throws IOException {
        ImportJob job = importSlice("uci-report", QUIETLY);
        ImportProgress progress = job.progress();

        assertThat(progress.rowsRead()).isEqualTo(slice.lines().size());
        assertThat(progress.rowsAccepted() + progress.rowsRejected() + progress.rowsReturns())
                .isEqualTo(progress.rowsRead());
        assertThat(progress.rowsRejected()).isEqualTo(slice.linesWithoutCustomer());
        assertThat(progress.rowsReturns()).isEqualTo(slice.returnLines());
        List<Rejection> rejections = stored().rejections(job.id());
        assertThat(rejections).hasSize((int) slice.linesWithoutCustomer());
        assertThat(rejections)
                .extracting(Rejection::reason)
                .allSatisfy(reason -> assertThat(reason).contains("no customer reference"));
        assertThat(rejections)
                .extracting(Rejection::lineNumber)
                .allSatisfy(
                        line -> assertThat(slice.lines().get((int) (line - 2)).get("CustomerID"))
                                .isEmpty());
    }

    @Test
    void importingTheSameFileAgainRecordsNothingNew() throws IOException {
        importSlice("uci-twice", QUIETLY);
        int eventsAfterFirstRun = stored().ofSource("uci-twice").size();

        ImportJob second = importSlice("uci-twice", QUIETLY);

        assertThat(second.status()).isEqualTo("COMPLETED");
        assertThat(stored().ofSource("uci-twice")).hasSize(eventsAfterFirstRun);
        assertThat(second.progress().purchases()).isZero();
        assertThat(second.progress().returns()).isZero();
        assertThat(second.progress().customersCreated()).isZero();
        assertThat(second.progress().customersMatched())
                .isEqualTo(slice.customerIds().size());
    }

    @Test
    void recordsACancellationAsAReturnNotAsAPurchase() throws IOException {
        importSlice("uci-returns", QUIETLY);

        List<StoredEvent> returns = stored().ofSource("uci-returns", ReturnRecorded.class);
        assertThat(references(returns, "returnReference")).isEqualTo(slice.returnInvoices());
        assertThat(references(stored().ofSource("uci-returns", PurchaseRecorded.class), "orderReference"))
                .noneMatch(reference -> reference.startsWith(UciSlice.RETURN_PREFIX));
        assertThat(returns).allSatisfy(event -> {
            assertThat(event.json().path("refund").path("amount").decimalValue())
                    .isPositive();
            assertThat(event.json().path("lines"))
                    .allSatisfy(
                            line -> assertThat(line.path("quantity").asInt()).isPositive());
        });
    }

    @Test
    void anImportKilledHalfwayThenRunAgainEndsAsOneCleanRun() throws IOException {
        ImportJob killed = importSlice("uci-resumed", progress -> {
            throw new IllegalStateException("killed after row " + progress.rowsRead());
        });
        assertThat(killed.status()).isEqualTo("FAILED");
        assertThat(killed.failure()).contains("killed after row").contains("running the file again completes it");
        assertThat(killed.progress().rowsRead()).isLessThan(slice.lines().size());
        int eventsWhenKilled = stored().ofSource("uci-resumed").size();

        ImportJob resumed = importSlice("uci-resumed", QUIETLY);

        assertThat(resumed.status()).isEqualTo("COMPLETED");
        Set<StoredEvent> afterKillAndRerun = Set.copyOf(stored().ofSource("uci-resumed"));
        Set<StoredEvent> cleanRun = cleanRunOnAnotherDatabase("uci-resumed");
        assertThat(eventsWhenKilled).isLessThan(cleanRun.size());
        assertThat(afterKillAndRerun).isEqualTo(cleanRun);
    }

    /** The slice imported once, in one go, by another write side on a fresh database. */
    private Set<StoredEvent> cleanRunOnAnotherDatabase(String source) throws IOException {
        try (ConfigurableApplicationContext other = CommandSideApplication.application()
                .profiles("dev")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.newDatabase(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=")) {
            ImportJob clean = other.getBean(ImportService.class)
                    .runNow(ImportKind.PURCHASES, MappingFixture.onlineRetail(source), slice.file(), "tester", QUIETLY);
            assertThat(clean.status()).isEqualTo("COMPLETED");
            return Set.copyOf(
                    new StoredEvents(other.getBean(JdbcTemplate.class), other.getBean(CryptoShreddingSerializer.class))
                            .ofSource(source));
        }
    }

    @Test
    void rejectsAMalformedLineWithItsOrderAndImportsTheRest() throws IOException {
        ImportJob job = importLines(
                "bad-quantity",
                "900001,SKU-A,Mug,2,2011-01-10 10:00:00,1.50,90001.0,United Kingdom",
                "900001,SKU-B,Plate,abc,2011-01-10 10:00:00,2.50,90001.0,United Kingdom",
                "900001,SKU-C,Bowl,1,2011-01-10 10:00:00,3.50,90001.0,United Kingdom",
                "900002,SKU-A,Mug,3,2011-01-10 11:00:00,1.50,90002.0,France");

        assertThat(job.status()).isEqualTo("COMPLETED");
        assertThat(stored().rejections(job.id()))
                .containsExactly(
                        new Rejection(
                                2, "order 900001 not imported: line 3 is rejected (quantity 'abc' is not a number)"),
                        new Rejection(3, "quantity 'abc' is not a number"),
                        new Rejection(
                                4, "order 900001 not imported: line 3 is rejected (quantity 'abc' is not a number)"));
        List<StoredEvent> purchases = stored().ofSource("bad-quantity", PurchaseRecorded.class);
        assertThat(references(purchases, "orderReference")).containsExactly("900002");
        assertThat(purchases.get(0).json().path("amount").path("amount").decimalValue())
                .isEqualByComparingTo("4.50");
        assertThat(job.progress())
                .extracting(ImportProgress::rowsRead, ImportProgress::rowsAccepted, ImportProgress::rowsRejected)
                .containsExactly(4L, 1L, 3L);
    }

    @Test
    void gathersTheScatteredLinesOfAnOrderAndRecordsItWhole() throws IOException {
        ImportJob job = importLines(
                "scattered",
                "900010,SKU-A,Mug,2,2011-01-10 10:00:00,1.50,91001.0,United Kingdom",
                "900011,SKU-A,Mug,1,2011-01-10 10:05:00,1.50,91002.0,United Kingdom",
                "900010,SKU-B,Plate,1,2011-01-10 10:00:00,2.50,91001.0,United Kingdom");

        assertThat(stored().rejections(job.id())).isEmpty();
        List<StoredEvent> purchases = stored().ofSource("scattered", PurchaseRecorded.class);
        assertThat(references(purchases, "orderReference")).containsExactlyInAnyOrder("900010", "900011");
        StoredEvent scattered = purchases.stream()
                .filter(event -> event.json()
                        .path("orderReference")
                        .path("value")
                        .asText()
                        .equals("900010"))
                .findFirst()
                .orElseThrow();
        assertThat(scattered.json().path("lines")).hasSize(2);
        assertThat(scattered.json().path("amount").path("amount").decimalValue())
                .isEqualByComparingTo("5.50");
        assertThat(job.progress().rowsRead()).isEqualTo(job.progress().rowsAccepted());
    }

    @Test
    void namesTheLineOfTheFileEvenAfterABlankLineOrAQuotedLineBreak() throws IOException {
        ImportJob job = importLines(
                "line-numbers",
                "900020,SKU-A,\"Mug,\nlarge\",1,2011-01-10 10:00:00,1.50,92001.0,United Kingdom",
                "",
                "900021,SKU-A,Mug,zero,2011-01-10 10:05:00,1.50,92002.0,United Kingdom");

        assertThat(stored().rejections(job.id()))
                .singleElement()
                .satisfies(rejection -> assertThat(rejection.lineNumber()).isEqualTo(5));
    }

    @Test
    void aFileThatCannotBeReadFailsItsJobWithoutHarmingTheNextImport() throws IOException {
        ImportJob broken = importLines(
                "broken-file",
                "900030,SKU-A,Mug,1,2011-01-10 10:00:00,1.50,93001.0,United Kingdom",
                "900031,SKU-A,\"Mug never closed,1,2011-01-10 10:00:00,1.50,93002.0,United Kingdom");
        assertThat(broken.status()).isEqualTo("FAILED");
        assertThat(broken.failure()).isNotBlank();

        ImportJob next =
                importLines("after-broken-file", "900040,SKU-A,Mug,1,2011-01-10 10:00:00,1.50,94001.0,United Kingdom");
        assertThat(next.status()).isEqualTo("COMPLETED");
        assertThat(references(stored().ofSource("after-broken-file", PurchaseRecorded.class), "orderReference"))
                .containsExactly("900040");
    }
}

package org.clientele.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clientele.command.CommandSideApplication;
import org.clientele.command.importing.StoredEvents.Rejection;
import org.clientele.command.importing.StoredEvents.StoredEvent;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.platform.privacy.CryptoShreddingSerializer;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Contacts files from a CRM export, semicolon-separated, on a real PostgreSQL. The tests share one database, so each
 * imports under a source of its own and with emails and phones of its own: an email is matched across sources.
 */
@SpringBootTest(
        classes = CommandSideApplication.class,
        properties = {"spring.config.name=command-side", "spring.profiles.active=dev"})
class ContactImportIT {

    private static final String CRM_HEADER = "ref;first;last;mail;tel;city;country";

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

    /** The CRM export's layout: every field, phones without a country code read as French. */
    private static ImportMapping crmExport(String source) {
        return MappingFixture.empty()
                .source(source)
                .separator(';')
                .defaultCountry("FR")
                .column("externalReference", "ref")
                .column("firstName", "first")
                .column("lastName", "last")
                .column("email", "mail")
                .column("phone", "tel")
                .column("city", "city")
                .column("country", "country")
                .build();
    }

    /** A newsletter list: no reference, only a name, an email and a phone. */
    private static ImportMapping newsletterList(String source) {
        return MappingFixture.empty()
                .source(source)
                .separator(';')
                .defaultCountry("FR")
                .column("firstName", "first")
                .column("lastName", "last")
                .column("email", "mail")
                .column("phone", "tel")
                .build();
    }

    private ImportJob importFile(ImportMapping mapping, String name, String... lines) throws IOException {
        Path file = Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n");
        ImportJob job = imports.runNow(ImportKind.CONTACTS, mapping, file, "tester", progress -> {});
        assertThat(job.status()).isEqualTo("COMPLETED");
        return job;
    }

    private StoredEvents stored() {
        return new StoredEvents(jdbc, serializer);
    }

    private JsonNode registered(String source, String reference) {
        return stored().ofSource(source, ContactRegistered.class).stream()
                .map(StoredEvent::json)
                .filter(event ->
                        reference.equals(event.path("externalReference").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no contact " + reference + " registered"));
    }

    @Test
    void registersContactsWithNormalisedValues() throws IOException {
        ImportJob job = importFile(
                crmExport("crm-normalised"),
                "crm.csv",
                CRM_HEADER,
                "C-1;  jean-luc ;PICARD; Jean-Luc.Picard@Enterprise.ORG ;06 98 76 54 32;paris;france",
                "C-2;Beverly;Crusher;beverly@enterprise.org;+44 20 7946 0123;London;United Kingdom");

        assertThat(job.progress().rowsAccepted()).isEqualTo(2);
        assertThat(job.progress().customersCreated()).isEqualTo(2);
        JsonNode picard = registered("crm-normalised", "C-1").path("contact");
        assertThat(picard.path("name").path("firstName").asText()).isEqualTo("Jean-Luc");
        assertThat(picard.path("name").path("lastName").asText()).isEqualTo("Picard");
        assertThat(picard.path("email").path("value").asText()).isEqualTo("jean-luc.picard@enterprise.org");
        assertThat(picard.path("phone").path("value").asText()).isEqualTo("+33698765432");
        assertThat(picard.path("address").path("country").asText()).isEqualTo("FR");
        assertThat(picard.path("invalid")).isEmpty();
        JsonNode crusher = registered("crm-normalised", "C-2").path("contact");
        assertThat(crusher.path("phone").path("value").asText()).isEqualTo("+442079460123");
        assertThat(crusher.path("address").path("country").asText()).isEqualTo("GB");
        assertThat(registered("crm-normalised", "C-2")
                        .path("origin")
                        .path("source")
                        .asText())
                .isEqualTo("crm-normalised");
    }

    @Test
    void matchesAKnownPersonByEmailAndCompletesTheirDetails() throws IOException {
        importFile(
                crmExport("crm-matched"),
                "crm.csv",
                CRM_HEADER,
                "C-1;Jean-Luc;Picard;jean-luc.picard@example.com;06 12 34 56 78;Paris;FR");
        String picardId =
                stored().ofSource("crm-matched", ContactRegistered.class).get(0).aggregateId();

        ImportJob second = importFile(
                newsletterList("newsletter"),
                "newsletter.csv",
                "first;last;mail;tel",
                "Jean-Luc;Picard;JEAN-LUC.PICARD@EXAMPLE.COM;+33 1 42 68 53 00");

        assertThat(second.progress().customersCreated()).isZero();
        assertThat(second.progress().customersMatched()).isEqualTo(1);
        assertThat(stored().ofSource("newsletter")).isEmpty();
        List<StoredEvent> picard = stored().ofSource("crm-matched");
        assertThat(picard)
                .extracting(StoredEvent::simpleType)
                .containsExactly("ContactRegistered", "ContactDetailsUpdated");
        StoredEvent update = picard.get(1);
        assertThat(update.aggregateId()).isEqualTo(picardId);
        JsonNode contact = update.json().path("contact");
        assertThat(contact.path("phone").path("value").asText()).isEqualTo("+33142685300");
        assertThat(contact.path("email").path("value").asText()).isEqualTo("jean-luc.picard@example.com");
        assertThat(contact.path("address").path("city").asText())
                .as("kept from the first file")
                .isEqualTo("Paris");
    }

    @Test
    void aReferenceFirstMatchedByEmailIdentifiesTheCustomerLater() throws IOException {
        importFile(crmExport("erp-first"), "erp.csv", CRM_HEADER, "E-1;Kathryn;Janeway;k.janeway@example.com;;;");
        String janewayId =
                stored().ofSource("erp-first", ContactRegistered.class).get(0).aggregateId();

        importFile(crmExport("shop-linked"), "shop.csv", CRM_HEADER, "S-9;Kathryn;Janeway;k.janeway@example.com;;;");
        assertThat(stored().ofSource("erp-first"))
                .extracting(StoredEvent::simpleType)
                .containsExactly("ContactRegistered", "ExternalReferenceLinked");

        // the shop's reference alone now finds her, whatever email the next file gives
        ImportJob third = importFile(
                crmExport("shop-linked"), "shop-2.csv", CRM_HEADER, "S-9;Kathryn;Janeway;captain@voyager.example;;;");
        assertThat(third.progress().customersCreated()).isZero();
        assertThat(stored().ofSource("shop-linked")).isEmpty();
        List<StoredEvent> janeway = stored().ofSource("erp-first");
        assertThat(janeway)
                .extracting(StoredEvent::simpleType)
                .containsExactly("ContactRegistered", "ExternalReferenceLinked", "ContactDetailsUpdated");
        assertThat(janeway).allSatisfy(event -> assertThat(event.aggregateId()).isEqualTo(janewayId));
    }

    @Test
    void acceptsAnInvalidPhoneFlaggedInTheContact() throws IOException {
        ImportJob job = importFile(
                crmExport("crm-flagged"),
                "crm.csv",
                CRM_HEADER,
                "C-7;Geordi;La Forge;geordi@example.com;12 34;Lyon;FR");

        assertThat(job.progress().rowsAccepted()).isEqualTo(1);
        assertThat(job.progress().rowsRejected()).isZero();
        JsonNode contact = registered("crm-flagged", "C-7").path("contact");
        assertThat(contact.path("phone").isNull()).isTrue();
        assertThat(contact.path("invalid")).singleElement().satisfies(flag -> {
            assertThat(flag.path("field").asText()).isEqualTo("phone");
            assertThat(flag.path("value").asText()).isEqualTo("12 34");
            assertThat(flag.path("reason").asText()).contains("not a valid phone number");
        });
    }

    @Test
    void rejectsARowThatNothingIdentifies() throws IOException {
        ImportJob job = importFile(
                crmExport("crm-anonymous"),
                "crm.csv",
                CRM_HEADER,
                "C-8;Deanna;Troi;deanna@example.com;;;",
                ";Data;;data@enterprise;12;Omicron;Theta");

        assertThat(job.progress())
                .extracting(ImportProgress::rowsRead, ImportProgress::rowsAccepted, ImportProgress::rowsRejected)
                .containsExactly(2L, 1L, 1L);
        assertThat(stored().rejections(job.id()))
                .containsExactly(
                        new Rejection(3, "no external reference, valid email or valid phone identifies this contact"));
        assertThat(stored().ofSource("crm-anonymous", ContactRegistered.class)).hasSize(1);
    }
}

package org.clientele.command.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.command.importing.ImportKind.CONTACTS;
import static org.clientele.command.importing.ImportKind.PURCHASES;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.clientele.events.purchase.SalesChannel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportMappingTest {

    @Nested
    class PurchasesFile {

        @Test
        void acceptsEveryRequiredColumnAndACurrency() {
            assertThat(MappingFixture.purchases().build().problems(PURCHASES)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"orderReference", "purchasedAt", "sku", "quantity", "unitPrice", "externalReference"})
        void requiresEachColumnThatMakesAnOrderLine(String field) {
            List<String> problems =
                    MappingFixture.purchases().without(field).build().problems(PURCHASES);

            assertThat(problems).containsExactly("columns." + field + ": is required for a purchases file");
        }

        @Test
        void requiresACurrencyOrACurrencyColumn() {
            assertThat(MappingFixture.purchases().currency(null).build().problems(PURCHASES))
                    .containsExactly("currency: give a currency, or a currency column");
            assertThat(MappingFixture.purchases()
                            .currency(null)
                            .column("currency", "cur")
                            .build()
                            .problems(PURCHASES))
                    .isEmpty();
        }

        @Test
        void refusesAContactOnlyFieldNamingIt() {
            List<String> problems = MappingFixture.purchases()
                    .column("firstName", "first")
                    .build()
                    .problems(PURCHASES);

            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("columns.firstName: not a field of a purchases file");
        }

        @Test
        void acceptsTheShippedOnlineRetailMapping() throws Exception {
            ImportMapping shipped =
                    new ObjectMapper().readValue(MappingFixture.ONLINE_RETAIL_MAPPING.toFile(), ImportMapping.class);

            assertThat(shipped.problems(PURCHASES)).isEmpty();
            assertThat(shipped.returnPrefix()).isEqualTo("C");
            assertThat(shipped.channel()).isEqualTo(SalesChannel.WEB);
        }
    }

    @Nested
    class ContactsFile {

        @ParameterizedTest
        @ValueSource(strings = {"externalReference", "email", "phone"})
        void needsOneColumnThatIdentifiesAContact(String field) {
            ImportMapping mapping = MappingFixture.empty()
                    .column(field, "x")
                    .column("city", "town")
                    .build();

            assertThat(mapping.problems(CONTACTS)).isEmpty();
        }

        @Test
        void refusesAFileWithNothingThatIdentifiesAContact() {
            ImportMapping mapping = MappingFixture.empty()
                    .column("firstName", "first")
                    .column("city", "town")
                    .build();

            assertThat(mapping.problems(CONTACTS))
                    .containsExactly("columns: a contacts file needs an externalReference, email or phone column");
        }

        @Test
        void refusesAnUnknownFieldNamingItAndTheKnownOnes() {
            List<String> problems =
                    MappingFixture.contacts().column("emial", "mail").build().problems(CONTACTS);

            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("columns.emial: not a field of a contacts file")
                    .contains("email", "phone", "postalCode");
        }

        @Test
        void doesNotAskAContactsFileForPurchaseColumns() {
            assertThat(MappingFixture.contacts().build().problems(CONTACTS)).isEmpty();
        }
    }

    @Nested
    class Conventions {

        @Test
        void refusesADateFormatThatIsNoPattern() {
            assertThat(MappingFixture.purchases()
                            .dateFormat("dd/MM/yyyy {bb}")
                            .build()
                            .problems(PURCHASES))
                    .singleElement()
                    .asString()
                    .startsWith("dateFormat: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mars/Olympus_Mons", "GMT+25"})
        void refusesAnUnknownTimeZone(String zone) {
            assertThat(MappingFixture.purchases().timeZone(zone).build().problems(PURCHASES))
                    .singleElement()
                    .asString()
                    .startsWith("timeZone: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"EURO", "XYZ", "€"})
        void refusesACurrencyThatIsNoIsoCode(String currency) {
            assertThat(MappingFixture.purchases().currency(currency).build().problems(PURCHASES))
                    .singleElement()
                    .asString()
                    .startsWith("currency: ");
        }

        @Test
        void refusesADecimalSeparatorOtherThanDotOrComma() {
            assertThat(MappingFixture.purchases().decimalSeparator(';').build().problems(PURCHASES))
                    .containsExactly("decimalSeparator: must be '.' or ','");
        }

        @Test
        void listsEveryProblemAtOnce() {
            ImportMapping mapping = MappingFixture.purchases()
                    .without("sku")
                    .column("nickname", "nick")
                    .timeZone("Nowhere/Else")
                    .currency("EURO")
                    .build();

            assertThat(mapping.problems(PURCHASES))
                    .extracting(problem -> problem.substring(0, problem.indexOf(':')))
                    .containsExactlyInAnyOrder("columns.sku", "columns.nickname", "timeZone", "currency");
        }

        @Test
        void defaultsToCommaSeparatedIsoDatesInUtcOnTheImportSource() {
            ImportMapping mapping = MappingFixture.purchases().source("  ").build();

            assertThat(mapping.separator()).isEqualTo(',');
            assertThat(mapping.decimalSeparator()).isEqualTo('.');
            assertThat(mapping.dateFormatter()).isNull();
            assertThat(mapping.zone()).hasToString("UTC");
            assertThat(mapping.source()).isEqualTo("import");
            assertThat(mapping.channel()).isEqualTo(SalesChannel.OTHER);
        }
    }
}

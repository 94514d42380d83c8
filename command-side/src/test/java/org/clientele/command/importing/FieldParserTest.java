package org.clientele.command.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class FieldParserTest {

    private static FieldParser parser(MappingFixture mapping) {
        return new FieldParser(mapping.build());
    }

    @Nested
    class Dates {

        private final FieldParser london = parser(
                MappingFixture.purchases().dateFormat("yyyy-MM-dd HH:mm:ss").timeZone("Europe/London"));

        @ParameterizedTest(name = "{0} in London is {1}")
        @CsvSource({
            "2010-12-01 08:26:00, 2010-12-01T08:26:00Z",
            "2011-06-01 08:26:00, 2011-06-01T07:26:00Z",
        })
        void readsTheMappingsFormatInTheMappingsZone(String text, Instant expected) {
            assertThat(london.instant("purchasedAt", text)).isEqualTo(expected);
        }

        @Test
        void readsADateWithoutTimeAsTheStartOfThatDayInTheZone() {
            FieldParser paris =
                    parser(MappingFixture.purchases().dateFormat("dd/MM/yyyy").timeZone("Europe/Paris"));

            assertThat(paris.instant("registeredAt", "25/12/2023")).isEqualTo("2023-12-24T23:00:00Z");
        }

        @Test
        void keepsTheOffsetAFormattedDateCarries() {
            FieldParser withOffset = parser(MappingFixture.purchases()
                    .dateFormat("dd/MM/yyyy HH:mm XXX")
                    .timeZone("Europe/Paris"));

            assertThat(withOffset.instant("purchasedAt", "01/03/2024 10:15 -05:00"))
                    .isEqualTo("2024-03-01T15:15:00Z");
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
            "2024-03-01,                2024-02-29T23:00:00Z",
            "2024-03-01T10:15:30,       2024-03-01T09:15:30Z",
            "2024-03-01T10:15:30Z,      2024-03-01T10:15:30Z",
            "2024-03-01T10:15:30+02:00, 2024-03-01T08:15:30Z",
        })
        void readsIsoDatesWhenTheMappingGivesNoFormat(String text, Instant expected) {
            FieldParser iso = parser(MappingFixture.purchases().timeZone("Europe/Paris"));

            assertThat(iso.instant("purchasedAt", text)).isEqualTo(expected);
        }

        @Test
        void readsIsoDatesInUtcByDefault() {
            assertThat(parser(MappingFixture.purchases()).instant("purchasedAt", "2024-03-01T10:15:30"))
                    .isEqualTo("2024-03-01T10:15:30Z");
        }

        @ParameterizedTest
        @CsvSource({"01/12/2010 08:26", "2010-12-01", "yesterday"})
        void refusesADateNotInTheMappingsFormatNamingFieldAndValue(String text) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> london.instant("purchasedAt", text))
                    .withMessage("purchasedAt '" + text + "' is not a date in the mapping's format");
        }
    }

    @Nested
    class Numbers {

        private final FieldParser dot = parser(MappingFixture.purchases());
        private final FieldParser comma = parser(MappingFixture.purchases().decimalSeparator(','));

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "2,55     | 2.55",
                    "1.234,5  | 1234.5",
                    "-0,85    | -0.85",
                    "12       | 12",
                })
        void readsADecimalComma(String text, BigDecimal expected) {
            assertThat(comma.decimal("unitPrice", text)).isEqualByComparingTo(expected);
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "2.55      | 2.55",
                    "1,234.5   | 1234.5",
                    "0.001     | 0.001",
                })
        void readsADecimalDotWithThousandsCommas(String text, BigDecimal expected) {
            assertThat(dot.decimal("unitPrice", text)).isEqualByComparingTo(expected);
        }

        @Test
        void refusesTextThatIsNoNumberNamingField() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> dot.decimal("unitPrice", "2.55 GBP"))
                    .withMessage("unitPrice '2.55 GBP' is not a number");
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"6, 6", "-12, -12", "6.0, 6"})
        void readsWholeQuantitiesWithTheirSign(String text, int expected) {
            assertThat(dot.quantity(text)).isEqualTo(expected);
        }

        @Test
        void refusesAQuantityThatIsNotWhole() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> comma.quantity("2,5"))
                    .withMessage("quantity '2,5' is not a whole number");
        }

        @Test
        void refusesAQuantityThatIsNoNumber() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> dot.quantity("abc"))
                    .withMessage("quantity 'abc' is not a number");
        }
    }

    @Nested
    class References {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
            "17850.0,  17850",
            "17850.00, 17850",
            "17850,    17850",
            "17850.5,  17850.5",
            "A-17.0,   A-17.0",
            "0017.0,   0017",
        })
        void readsASpreadsheetsWholeDecimalIdAsItsDigits(String text, String expected) {
            assertThat(FieldParser.reference(text)).isEqualTo(expected);
        }

        @ParameterizedTest
        @NullSource
        void leavesAMissingReferenceMissing(String text) {
            assertThat(FieldParser.reference(text)).isNull();
        }
    }

    @Nested
    class NumberBounds {

        private final FieldParser parser = parser(MappingFixture.purchases());

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"1e-999999999", "1e999999999", "1e100000000"})
        void refusesANumberBeyondTheDomainsRangeBeforeAnyArithmetic(String text) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> parser.decimal("unitPrice", text))
                    .withMessageStartingWith("unitPrice ");
        }

        @Test
        void refusesAnOverlongNumber() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> parser.decimal("amount", "1".repeat(10_000)))
                    .withMessage("amount has more than 64 characters");
        }
    }
}

package org.clientele.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.groups.Tuple.tuple;

import org.clientele.command.customer.ContactNormaliser.RawContact;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.InvalidValue;
import org.clientele.events.customer.PersonName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactNormaliserTest {

    private static final ContactNormaliser IN_FRANCE = new ContactNormaliser("FR");
    private static final ContactNormaliser IN_BRITAIN = new ContactNormaliser("gb");

    private static RawContact phone(String phone) {
        return new RawContact(null, null, null, phone, null, null, null, null);
    }

    private static RawContact email(String email) {
        return new RawContact(null, null, email, null, null, null, null, null);
    }

    private static RawContact name(String firstName, String lastName) {
        return new RawContact(firstName, lastName, null, null, null, null, null, null);
    }

    private static RawContact address(String postalCode, String city, String country) {
        return new RawContact(null, null, null, null, null, postalCode, city, country);
    }

    @Test
    void refusesADefaultCountryThatIsNotAnIsoCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ContactNormaliser("France"))
                .withMessageContaining("ISO 3166-1 alpha-2");
    }

    @Nested
    class Phones {

        @ParameterizedTest(name = "{0} read in {1} is {2}")
        @CsvSource({
            "06 12 34 56 78,     FR, +33612345678",
            "+44 20 7946 0958,   FR, +442079460958",
            "020 7946 0958,      GB, +442079460958",
            "+33 1 42 68 53 00,  GB, +33142685300",
            "0033 1 42 68 53 00, GB, +33142685300",
        })
        void writesNationalAndInternationalNumbersInE164(String given, String defaultCountry, String expected) {
            ContactDetails contact = new ContactNormaliser(defaultCountry).normalise(phone(given));

            assertThat(contact.phone().value()).isEqualTo(expected);
            assertThat(contact.invalid()).isEmpty();
        }

        @Test
        void flagsANumberThatIsNotValidInsteadOfDroppingIt() {
            ContactDetails contact = IN_FRANCE.normalise(phone(" 12 34 "));

            assertThat(contact.phone()).isNull();
            assertThat(contact.invalid()).singleElement().satisfies(flag -> {
                assertThat(flag.field()).isEqualTo("phone");
                assertThat(flag.value()).isEqualTo("12 34");
                assertThat(flag.reason()).contains("not a valid phone number").contains("read as FR");
            });
        }

        @Test
        void flagsTextThatIsNoPhoneNumberAtAll() {
            ContactDetails contact = IN_BRITAIN.normalise(phone("call me maybe"));

            assertThat(contact.phone()).isNull();
            assertThat(contact.invalid())
                    .extracting(InvalidValue::field, InvalidValue::value)
                    .containsExactly(tuple("phone", "call me maybe"));
        }
    }

    @Nested
    class Emails {

        @Test
        void trimsAndLowerCasesAnEmail() {
            ContactDetails contact = IN_FRANCE.normalise(email("  Jean-Luc.Picard@Starfleet.ORG "));

            assertThat(contact.email().value()).isEqualTo("jean-luc.picard@starfleet.org");
            assertThat(contact.invalid()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"jean-luc.picard@", "picard@starfleet", "jean luc@starfleet.org", "a@b@starfleet.org"})
        void flagsAnEmailWithBadSyntax(String given) {
            ContactDetails contact = IN_FRANCE.normalise(email(given));

            assertThat(contact.email()).isNull();
            assertThat(contact.invalid()).singleElement().satisfies(flag -> {
                assertThat(flag.field()).isEqualTo("email");
                assertThat(flag.value()).isEqualTo(given);
                assertThat(flag.reason()).contains("not a valid email address");
            });
        }
    }

    @Nested
    class Names {

        @Test
        void collapsesWhitespaceAndTitleCasesUniformCase() {
            PersonName name =
                    IN_FRANCE.normalise(name("  jean-luc  ", "   PICARD ")).name();

            assertThat(name.firstName() + " " + name.lastName()).isEqualTo("Jean-Luc Picard");
        }

        @Test
        void keepsTheCapitalsOfAMixedCaseName() {
            PersonName name = IN_FRANCE.normalise(name("ronald", "McDonald")).name();

            assertThat(name).isEqualTo(new PersonName("Ronald", "McDonald"));
        }

        @Test
        void givesNoNameWhenNeitherPartIsGiven() {
            assertThat(IN_FRANCE.normalise(name("  ", null)).name()).isNull();
        }
    }

    @Nested
    class Addresses {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
            "United Kingdom, GB",
            "royaume-uni,    GB",
            "gb,             GB",
            "EIRE,           IE",
            "Allemagne,      DE",
            "Côte d'Ivoire,  CI",
        })
        void readsCountriesFromCodesAndEnglishOrFrenchNames(String given, String code) {
            ContactDetails contact = IN_FRANCE.normalise(address(null, null, given));

            assertThat(contact.address().country()).isEqualTo(code);
            assertThat(contact.invalid()).isEmpty();
        }

        @Test
        void flagsAnUnknownCountryAndKeepsTheRestOfTheAddress() {
            ContactDetails contact = IN_FRANCE.normalise(address("75001", "Paris", "Atlantis"));

            assertThat(contact.address().city()).isEqualTo("Paris");
            assertThat(contact.address().country()).isNull();
            assertThat(contact.invalid()).singleElement().satisfies(flag -> {
                assertThat(flag.field()).isEqualTo("country");
                assertThat(flag.value()).isEqualTo("Atlantis");
                assertThat(flag.reason()).contains("not a known country");
            });
        }

        @Test
        void flagsAnUnknownCountryGivenAlone() {
            ContactDetails contact = IN_FRANCE.normalise(address(null, null, "Narnia"));

            assertThat(contact.address()).isNull();
            assertThat(contact.isFlagged("country")).isTrue();
        }

        @Test
        void upperCasesThePostalCode() {
            ContactDetails contact = IN_BRITAIN.normalise(address(" sw1a   1aa ", "London", "uk"));

            assertThat(contact.address().postalCode()).isEqualTo("SW1A 1AA");
            assertThat(contact.address().country()).isEqualTo("GB");
        }
    }

    @Test
    void keepsEveryInvalidValueOfOneContact() {
        ContactDetails contact = IN_FRANCE.normalise(
                new RawContact("Data", null, "data@enterprise", "12", null, null, "Omicron", "Theta"));

        assertThat(contact.name().firstName()).isEqualTo("Data");
        assertThat(contact.invalid())
                .extracting(InvalidValue::field)
                .containsExactlyInAnyOrder("email", "phone", "country");
    }
}

package org.clientele.events.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PostalAddressTest {

    @Test
    void upperCasesTheCountryCode() {
        assertThat(new PostalAddress("1 rue de Rivoli", "75001", "Paris", " fr ").country())
                .isEqualTo("FR");
    }

    @Test
    void refusesAnUnknownCountryCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PostalAddress(null, null, "Paris", "XX"))
                .withMessageContaining("ISO 3166-1");
        assertThatIllegalArgumentException().isThrownBy(() -> new PostalAddress(null, null, "Paris", "FRA"));
    }

    @Test
    void countryIsOptional() {
        assertThat(new PostalAddress(null, null, "Paris", null).country()).isNull();
    }

    @Test
    void tidiesTheLinesAndUpperCasesThePostalCode() {
        PostalAddress address = new PostalAddress("  10  Downing   Street ", " sw1a  2aa ", " London ", "GB");

        assertThat(address.street()).isEqualTo("10 Downing Street");
        assertThat(address.postalCode()).isEqualTo("SW1A 2AA");
        assertThat(address.city()).isEqualTo("London");
    }

    @Test
    void needsAtLeastOnePart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PostalAddress(" ", null, "", null))
                .withMessageContaining("a street, a postal code, a city or a country");
        assertThat(new PostalAddress(" ", null, "", "fr").country()).isEqualTo("FR");
        assertThat(new PostalAddress(null, "75001", null, null).postalCode()).isEqualTo("75001");
    }
}

package org.clientele.query.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "close names" rule: at most two edits apart. */
class DuplicateCandidatesTest {

    @Test
    void namesATypoOrTwoApartAreClose() {
        assertThat(DuplicateCandidates.close("marie curie", "mary curie")).isTrue();
        assertThat(DuplicateCandidates.close("jean dupont", "jean dupond")).isTrue();
        assertThat(DuplicateCandidates.close("jean dupont", "jean dupont")).isTrue();
    }

    @Test
    void namesThreeEditsApartAreNot() {
        assertThat(DuplicateCandidates.close("marie curie", "pierre curie")).isFalse();
        assertThat(DuplicateCandidates.close("ada lovelace", "alan turing")).isFalse();
    }
}

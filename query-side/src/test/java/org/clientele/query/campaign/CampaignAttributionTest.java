package org.clientele.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clientele.query.campaign.Attribution.Purchase;
import org.clientele.query.campaign.Attribution.Touch;
import org.junit.jupiter.api.Test;

/** Last-touch attribution of one customer's purchases, as docs/campaigns.md defines it. */
class CampaignAttributionTest {

    private static final UUID SPRING = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID LOYALTY = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Instant LAUNCH = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void aPurchaseWithinTheWindowAfterAContactIsAttributed() {
        List<Purchase> credits = credits(
                List.of(contact(SPRING, LAUNCH.plus(hours(1)), 7)), List.of(), purchase("P1", LAUNCH.plus(days(2))));

        assertThat(credits).extracting(Purchase::reference).containsExactly("P1");
    }

    @Test
    void theWindowEndIsIncludedAndTheNextSecondIsNot() {
        Instant contact = LAUNCH.plus(hours(1));

        assertThat(credits(List.of(contact(SPRING, contact, 7)), List.of(), purchase("EDGE", contact.plus(days(7)))))
                .hasSize(1);
        assertThat(credits(
                        List.of(contact(SPRING, contact, 7)),
                        List.of(),
                        purchase("LATE", contact.plus(days(7)).plusSeconds(1))))
                .isEmpty();
    }

    @Test
    void aPurchaseBeforeTheContactIsNotCredited() {
        assertThat(credits(List.of(contact(SPRING, LAUNCH.plus(hours(1)), 7)), List.of(), purchase("EARLY", LAUNCH)))
                .isEmpty();
    }

    @Test
    void aLaterContactOfAnotherCampaignTakesThePurchase() {
        List<Touch> others = List.of(contact(LOYALTY, LAUNCH.plus(days(2)), 10));

        assertThat(credits(
                        List.of(contact(SPRING, LAUNCH.plus(hours(1)), 7)),
                        others,
                        purchase("P", LAUNCH.plus(days(3)))))
                .isEmpty();
    }

    @Test
    void aLaterContactOfThisCampaignBeatsAnEarlierOneOfAnotherCampaign() {
        List<Touch> others = List.of(contact(LOYALTY, LAUNCH.minus(days(3)), 10));

        assertThat(credits(
                        List.of(contact(SPRING, LAUNCH.plus(hours(1)), 7)),
                        others,
                        purchase("P", LAUNCH.plus(days(5)))))
                .hasSize(1);
    }

    @Test
    void aLaterTouchWhoseWindowIsOverLeavesThePurchaseToTheEarlierOne() {
        // Loyalty touched on day 5 for 2 days: its window ended on day 7, so the day-10 purchase stays Spring's.
        List<Touch> others = List.of(contact(LOYALTY, LAUNCH.plus(days(5)), 2));

        assertThat(credits(List.of(contact(SPRING, LAUNCH, 30)), others, purchase("P", LAUNCH.plus(days(10)))))
                .hasSize(1);
    }

    @Test
    void aMemberNeverContactedHasNoTouchAndIsCreditedNothing() {
        List<Touch> own = Attribution.touches(SPRING, 7, List.of(), List.of());

        assertThat(own).isEmpty();
        assertThat(credits(own, List.of(), purchase("P", LAUNCH.plus(days(3))))).isEmpty();
    }

    @Test
    void aContactAHardBounceFollowedIsNoTouch() {
        Instant approved = LAUNCH.plus(hours(1));
        Instant bounced = approved.plus(Duration.ofMinutes(20));

        // the message reached nobody: nothing is credited to it
        List<Touch> own = Attribution.touches(SPRING, 7, List.of(approved), List.of(bounced));
        assertThat(own).isEmpty();
        assertThat(credits(own, List.of(), purchase("P", LAUNCH.plus(days(2))))).isEmpty();
        // a bounce before the contact (an older address) does not undo it
        assertThat(Attribution.touches(SPRING, 7, List.of(approved), List.of(approved.minusSeconds(1))))
                .containsExactly(contact(SPRING, approved, 7));
        // approved again after the bounce (the address was corrected): that contact is a touch
        Instant again = LAUNCH.plus(days(2));
        assertThat(Attribution.touches(SPRING, 7, List.of(approved, again), List.of(bounced)))
                .containsExactly(contact(SPRING, again, 7));
    }

    @Test
    void twoContactsAtTheSameInstantGoToTheSmallerCampaignId() {
        Instant at = LAUNCH.plus(hours(1));
        Purchase purchase = purchase("P", at.plus(days(1)));

        // SPRING (…0a) sorts before LOYALTY (…0b): Spring keeps it, and Loyalty, asking the same question, does not
        assertThat(credits(List.of(contact(SPRING, at, 7)), List.of(contact(LOYALTY, at, 7)), purchase))
                .hasSize(1);
        assertThat(Attribution.credits(
                        LOYALTY, List.of(contact(LOYALTY, at, 7)), List.of(contact(SPRING, at, 7)), List.of(purchase)))
                .isEmpty();
    }

    @Test
    void aReturnIsCreditedLikeAPurchaseWithItsNegativeAmount() {
        Purchase refund = new Purchase("R1", LAUNCH.plus(days(2)), new BigDecimal("-20.00"), "EUR", true);

        assertThat(Attribution.credits(SPRING, List.of(contact(SPRING, LAUNCH, 7)), List.of(), List.of(refund)))
                .extracting(Purchase::amount)
                .containsExactly(new BigDecimal("-20.00"));
    }

    private static List<Purchase> credits(List<Touch> own, List<Touch> others, Purchase purchase) {
        return Attribution.credits(SPRING, own, others, List.of(purchase));
    }

    private static Touch contact(UUID campaign, Instant at, int windowDays) {
        return new Touch(campaign, at, windowDays);
    }

    private static Purchase purchase(String reference, Instant at) {
        return new Purchase(reference, at, new BigDecimal("10.00"), "EUR", false);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}

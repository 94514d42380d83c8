package org.clientele.command.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.clientele.command.customer.Outcome;
import org.clientele.events.campaign.AudienceAssigned;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignClosed;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.campaign.Variant;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A campaign: defined soundly, launched once with each member in a stable arm, then closed. */
class CampaignTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final CampaignId SPRING = new CampaignId(UUID.fromString("3c9a1e7b-5d2f-4a8c-9b6e-1f0d2c3b4a59"));
    private static final List<Variant> AB = List.of(
            new Variant("A", "10% off", "subject-a", new BigDecimal("0.5")),
            new Variant("B", "free shipping", "subject-b", new BigDecimal("0.5")));

    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static DefineCampaign define(BigDecimal controlRatio, List<Variant> variants) {
        return new DefineCampaign(
                SPRING,
                "Spring tea",
                "reactivation",
                Channel.EMAIL,
                ConsentPurpose.MARKETING,
                "10% off",
                "tpl-1",
                "inactive customers",
                null,
                30,
                controlRatio,
                variants);
    }

    private static CampaignDefined defined() {
        return new CampaignDefined(
                SPRING,
                "Spring tea",
                "reactivation",
                Channel.EMAIL,
                ConsentPurpose.MARKETING,
                "10% off",
                "tpl-1",
                "inactive customers",
                null,
                30,
                new BigDecimal("0.10"),
                AB,
                NOW);
    }

    @Test
    void aSoundDefinitionIsRecorded() {
        fixture.givenNoPriorActivity().when(define(new BigDecimal("0.10"), AB)).expectEvents(defined());
    }

    @Test
    void sharesThatDoNotAddUpToOneAreRefused() {
        fixture.givenNoPriorActivity()
                .when(define(BigDecimal.ZERO, List.of(new Variant("A", null, null, new BigDecimal("0.6")))))
                .expectException(CampaignRejected.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("add up to 1"));
    }

    @Test
    void aControlGroupOverHalfTheAudienceIsRefused() {
        fixture.givenNoPriorActivity().when(define(new BigDecimal("0.6"), AB)).expectException(CampaignRejected.class);
    }

    @Test
    void theLaunchFreezesTheAudienceWithEachMembersArm() {
        CustomerId ada = new CustomerId(UUID.fromString("0b6e5c2a-4f1e-4d0e-9a51-3c2e8d7f6a10"));
        CustomerId bob = new CustomerId(UUID.fromString("7d0c9f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6"));
        String adaArm = Assignment.of(SPRING, ada, new BigDecimal("0.10"), AB);
        String bobArm = Assignment.of(SPRING, bob, new BigDecimal("0.10"), AB);
        int control = (adaArm.equals("CONTROL") ? 1 : 0) + (bobArm.equals("CONTROL") ? 1 : 0);
        fixture.given(defined())
                .when(new LaunchCampaign(
                        SPRING,
                        "segment rfm AT_RISK as of 2024-06-01",
                        List.of(
                                new LaunchCampaign.Candidate(ada, "rfm AT_RISK"),
                                new LaunchCampaign.Candidate(bob, "rfm AT_RISK"),
                                new LaunchCampaign.Candidate(ada, "rfm AT_RISK"))))
                .expectEvents(
                        new CampaignLaunched(SPRING, "segment rfm AT_RISK as of 2024-06-01", 2, control, NOW),
                        new AudienceAssigned(
                                SPRING,
                                List.of(
                                        new AudienceMember(ada, "rfm AT_RISK", adaArm),
                                        new AudienceMember(bob, "rfm AT_RISK", bobArm))))
                .expectResultMessagePayload(Outcome.APPLIED);
    }

    @Test
    void aLargeAudienceIsAssignedInEventsOfAThousand() {
        List<LaunchCampaign.Candidate> candidates = IntStream.range(0, 2_500)
                .mapToObj(i -> new LaunchCampaign.Candidate(new CustomerId(new UUID(7, i)), null))
                .toList();
        fixture.given(defined())
                .when(new LaunchCampaign(SPRING, "explicit list", candidates))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(CampaignLaunched.class),
                                org.hamcrest.Matchers.instanceOf(AudienceAssigned.class),
                                org.hamcrest.Matchers.instanceOf(AudienceAssigned.class),
                                org.hamcrest.Matchers.instanceOf(AudienceAssigned.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aSecondLaunchChangesNothing() {
        fixture.given(defined(), new CampaignLaunched(SPRING, "explicit list", 1, 0, NOW))
                .when(new LaunchCampaign(
                        SPRING, "explicit list", List.of(new LaunchCampaign.Candidate(CustomerId.newId(), null))))
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.UNCHANGED);
    }

    @Test
    void aClosedCampaignCannotBeLaunched() {
        fixture.given(defined(), new CampaignClosed(SPRING, NOW))
                .when(new LaunchCampaign(
                        SPRING, "explicit list", List.of(new LaunchCampaign.Candidate(CustomerId.newId(), null))))
                .expectException(CampaignRejected.class);
    }

    @Test
    void closingTwiceClosesOnce() {
        fixture.given(defined(), new CampaignClosed(SPRING, NOW))
                .when(new CloseCampaign(SPRING))
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.UNCHANGED);
    }

    @Test
    void theArmsFollowTheControlRatioAndTheShares() {
        Map<String, Integer> arms = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            arms.merge(
                    Assignment.of(SPRING, new CustomerId(new UUID(42, i)), new BigDecimal("0.10"), AB),
                    1,
                    Integer::sum);
        }
        assertThat(arms.get("CONTROL")).isBetween(9_500, 10_500);
        assertThat(arms.get("A")).isBetween(44_000, 46_000);
        assertThat(arms.get("B")).isBetween(44_000, 46_000);
    }

    @Test
    void anArmDependsOnlyOnTheCampaignAndTheCustomer() {
        CustomerId ada = new CustomerId(UUID.fromString("0b6e5c2a-4f1e-4d0e-9a51-3c2e8d7f6a10"));
        List<String> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(Assignment.of(SPRING, ada, new BigDecimal("0.10"), AB));
        }
        assertThat(again).containsOnly(Assignment.of(SPRING, ada, new BigDecimal("0.10"), AB));
        // pinned: the hash is part of the contract, a replay in another version must split the same way
        // (SHA-256 of "campaign:customer", first 53 bits, computed apart from the code)
        assertThat(Assignment.uniform(SPRING, ada)).isEqualTo(0.012707484450904638);
        assertThat(Assignment.of(SPRING, ada, new BigDecimal("0.10"), AB)).isEqualTo(AudienceMember.CONTROL);
        assertThat(Assignment.of(SPRING, ada, BigDecimal.ZERO, List.of())).isEqualTo(Assignment.MAIN);
    }
}

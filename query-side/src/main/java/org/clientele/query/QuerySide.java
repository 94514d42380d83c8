package org.clientele.query;

import java.util.List;
import java.util.Set;
import org.clientele.platform.PlatformConfiguration;
import org.clientele.platform.axon.rebuild.RebuildableReadModel;
import org.clientele.platform.database.SchemaModule;
import org.clientele.query.campaign.CampaignMemoryProjection;
import org.clientele.query.consent.ConsentLedgerProjection;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.preference.PreferenceProjection;
import org.clientele.query.profile.CustomerProfileProjection;
import org.clientele.query.segment.SegmentSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The read side's beans: projections, their queries and the read API, on the shared platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = @ComponentScan.Filter(SpringBootConfiguration.class))
@Import(PlatformConfiguration.class)
@EnableScheduling
public class QuerySide {

    @Bean
    SchemaModule querySchema() {
        return new SchemaModule("query", "classpath:db/query", 10);
    }

    /** Every table each projection writes: what a shadow rebuild makes afresh and puts in place at once. */
    @Bean
    RebuildableReadModel customerProfileReadModel() {
        return new RebuildableReadModel(
                CustomerProfileProjection.PROCESSING_GROUP,
                List.of(
                        "customer_profile",
                        "customer_purchase",
                        "customer_consent",
                        "contact_version",
                        "purchase_line"),
                // the projection reads its rows and purchases by customer, through their primary keys only, and
                // writes each line once (a purchase it has not seen yet), with COPY and no ON CONFLICT
                Set.of(
                        "purchase_line_pkey",
                        "customer_profile_change_idx",
                        "customer_profile_phase_idx",
                        "customer_profile_phase_due_idx",
                        "customer_purchase_date_idx",
                        "purchase_line_sku_idx"));
    }

    @Bean
    RebuildableReadModel consentLedgerReadModel() {
        // the ledger reads each customer's last link through consent_ledger_customer_idx; as-of queries use the other
        return new RebuildableReadModel(
                ConsentLedgerProjection.PROCESSING_GROUP,
                List.of("consent_ledger"),
                Set.of("consent_ledger_effective_idx"));
    }

    @Bean
    RebuildableReadModel preferencesReadModel() {
        return new RebuildableReadModel(PreferenceProjection.PROCESSING_GROUP, List.of("preference_version"));
    }

    @Bean
    RebuildableReadModel campaignMemoryReadModel() {
        return new RebuildableReadModel(
                CampaignMemoryProjection.PROCESSING_GROUP,
                List.of(
                        "campaign",
                        "campaign_variant",
                        "campaign_member",
                        "campaign_contact",
                        "campaign_outcome",
                        "campaign_purchase"),
                // the projection only inserts; the attribution queries read purchases by customer and date
                Set.of("campaign_purchase_date_idx"));
    }

    @Bean
    LifecycleSettings lifecycleSettings(
            @Value("${clientele.lifecycle.inactive-after-months:12}") int inactiveAfterMonths,
            @Value("${clientele.lifecycle.declining-window-months:12}") int decliningWindowMonths,
            @Value("${clientele.lifecycle.declining-ratio:0.5}") double decliningRatio,
            @Value("${clientele.lifecycle.declining-minimum-prior:2}") int decliningMinimumPrior,
            @Value("${clientele.lifecycle.reactivated-for-months:12}") int reactivatedForMonths) {
        return new LifecycleSettings(
                inactiveAfterMonths,
                decliningWindowMonths,
                decliningRatio,
                decliningMinimumPrior,
                reactivatedForMonths);
    }

    @Bean
    SegmentSettings segmentSettings(
            @Value("${clientele.segments.inactivity-bands-months:12,24,36}") List<Integer> inactivityBands,
            @Value("${clientele.segments.tier-quantiles:0.5,0.8,0.95}") List<Double> tierQuantiles) {
        return new SegmentSettings(inactivityBands, tierQuantiles);
    }
}

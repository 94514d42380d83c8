package org.clientele.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.clientele.command.customer.ContactNormaliser;
import org.clientele.command.customer.Customer;
import org.clientele.command.customer.CustomerMerging;
import org.clientele.command.identity.IdentityIndex;
import org.clientele.platform.PlatformConfiguration;
import org.clientele.platform.axon.SubscribingProcessingGroup;
import org.clientele.platform.database.SchemaModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The write side's beans: its aggregates, controllers and policies, on the shared platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = @ComponentScan.Filter(SpringBootConfiguration.class))
@Import(PlatformConfiguration.class)
public class CommandSide {

    /**
     * Keeps recently used customers in memory so a command does not re-read the whole stream. With several
     * command-side instances a cached customer may be stale: the append then breaks the unique constraint on
     * (aggregate, sequence), the entry is evicted and the command retried.
     */
    /** Phone numbers written without a country code are read as this country's (ISO 3166-1 alpha-2). */
    @Bean
    ContactNormaliser contactNormaliser(
            @org.springframework.beans.factory.annotation.Value("${clientele.normalisation.default-country:FR}")
                    String defaultCountry) {
        return new ContactNormaliser(defaultCountry);
    }

    @Bean
    SchemaModule commandSchema() {
        return new SchemaModule("command", "classpath:db/command", 5);
    }

    /** The identity index must be written in the transaction of the events it indexes: a subscribing processor. */
    @Bean
    SubscribingProcessingGroup identityIndexProcessing() {
        return new SubscribingProcessingGroup(IdentityIndex.PROCESSING_GROUP);
    }

    /** The campaign directory must hold a launched audience as soon as the launch is acknowledged: subscribing. */
    @Bean
    SubscribingProcessingGroup campaignDirectoryProcessing() {
        return new SubscribingProcessingGroup(org.clientele.command.campaign.CampaignDirectory.PROCESSING_GROUP);
    }

    /** The contact-policy gate's limits; the defaults and their reasons are in docs/campaigns.md. */
    @Bean
    org.clientele.command.customer.ContactPolicy contactPolicy(
            @org.springframework.beans.factory.annotation.Value("${clientele.contact-policy.max-per-channel:4}")
                    int maxPerChannel,
            @org.springframework.beans.factory.annotation.Value("${clientele.contact-policy.max-total:8}") int maxTotal,
            @org.springframework.beans.factory.annotation.Value("${clientele.contact-policy.period-days:30}")
                    int periodDays,
            @org.springframework.beans.factory.annotation.Value(
                            "${clientele.contact-policy.preferred-channels-only:true}")
                    boolean preferredChannelsOnly) {
        return new org.clientele.command.customer.ContactPolicy(
                maxPerChannel, maxTotal, periodDays, preferredChannelsOnly);
    }

    @Bean
    CustomerMerging customerMerging(org.axonframework.modelling.command.Repository<Customer> customerRepository) {
        return new CustomerMerging(customerRepository);
    }

    @Bean
    Cache customerCache() {
        return new WeakReferenceCache();
    }
}

package org.clientele.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.clientele.platform.PlatformConfiguration;
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
    @Bean
    Cache customerCache() {
        return new WeakReferenceCache();
    }
}

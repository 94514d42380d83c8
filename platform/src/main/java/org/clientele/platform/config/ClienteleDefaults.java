package org.clientele.platform.config;

import java.io.IOException;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code clientele-defaults.yml} (and {@code clientele-defaults-dev.yml} under the 'dev' profile) as the
 * lowest-precedence configuration of every Clientele process, so that an application's own file, environment
 * variables and command-line arguments always override them.
 */
public class ClienteleDefaults implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "clientele-defaults.yml";
    static final String DEV_DEFAULTS = "clientele-defaults-dev.yml";

    /** Axon reads this switch from system properties only; no phoning home to get.axoniq.io at each start. */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        if (Arrays.asList(environment.getActiveProfiles()).contains("dev")) {
            addLast(environment, DEV_DEFAULTS);
        }
        addLast(environment, DEFAULTS);
    }

    private static void addLast(ConfigurableEnvironment environment, String file) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

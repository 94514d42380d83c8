package org.clientele.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import org.clientele.platform.axon.AggregateKindCheck;
import org.clientele.platform.axon.EventStoreConfiguration;
import org.clientele.platform.axon.ProcessingConfiguration;
import org.clientele.platform.axon.deadletter.DeadLetterConfiguration;
import org.clientele.platform.database.EmbeddedPostgresConfiguration;
import org.clientele.platform.privacy.PrivacyConfiguration;
import org.clientele.platform.security.RolesBeforeBinding;
import org.clientele.platform.security.SecurityConfiguration;
import org.clientele.platform.web.ApiExceptionHandler;
import org.clientele.platform.web.ParameterTextFilter;
import org.clientele.platform.web.ProblemResponses;
import org.clientele.platform.web.RequestBodyLimit;
import org.clientele.platform.web.RequestMetadata;
import org.clientele.platform.web.StrictJsonInput;
import org.clientele.platform.web.WebEdgeConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What each side imports: the infrastructure shared by the write side and the read side, and nothing else. */
@Configuration(proxyBeanMethods = false)
@Import({
    EmbeddedPostgresConfiguration.class,
    EventStoreConfiguration.class,
    AggregateKindCheck.class,
    ProcessingConfiguration.class,
    DeadLetterConfiguration.class,
    org.clientele.platform.axon.rebuild.RebuildConfiguration.class,
    PrivacyConfiguration.class,
    SecurityConfiguration.class,
    ApiExceptionHandler.class,
    ProblemResponses.class,
    RequestMetadata.class,
    StrictJsonInput.class,
    ParameterTextFilter.class,
    WebEdgeConfiguration.class,
    RequestBodyLimit.class,
    RolesBeforeBinding.class
})
public class PlatformConfiguration {

    /** The one clock of the process: commands date facts with it, and views assess phases against it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI clienteleOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Clientele API")
                        .description("Event-sourced customer lifecycle: write commands and read views.")
                        .version("0.1.0"))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}

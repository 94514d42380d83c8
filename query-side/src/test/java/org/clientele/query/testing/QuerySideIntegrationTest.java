package org.clientele.query.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.clientele.query.QuerySideApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The read side alone, as {@link QuerySideApplication} starts it, with the dev users. The test class adds the
 * database: a {@code @DynamicPropertySource} setting {@code spring.datasource.url} to a fresh
 * {@code TestDatabase}. The phase clock is slowed down so that it never rewrites a row while a test compares.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = QuerySideApplication.class,
        properties = {
            "spring.config.name=query-side",
            "spring.profiles.active=dev",
            "spring.datasource.username=postgres",
            "spring.datasource.password=",
            "clientele.lifecycle.reassess-every=PT1H"
        })
public @interface QuerySideIntegrationTest {}

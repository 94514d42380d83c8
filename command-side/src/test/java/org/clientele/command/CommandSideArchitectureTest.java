package org.clientele.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The write side's shape: a domain model free of Spring and JDBC, and no reaching into the read side. */
@AnalyzeClasses(packages = "org.clientele.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    /** Web, persistence and Axon's Spring wiring sit at the edge; the aggregate and its policies stay plain. */
    @ArchTest
    static final ArchRule domainModelIsFreeOfSpringJdbcAndServlets = noClasses()
            .that()
            .resideInAPackage("org.clientele.command.customer")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule commandSideNeverDependsOnTheQuerySide = noClasses()
            .that()
            .resideInAPackage("org.clientele.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.clientele.query..");
}

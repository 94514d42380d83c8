package org.clientele.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module graph is the architecture; these rules make a wrong import fail the build. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.clientele");
    }

    @Test
    void sharedEventsDependOnTheJdkAndAxonAnnotationsOnly() {
        noClasses()
                .that()
                .resideInAPackage("org.clientele.events..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.clientele.events..", "org.axonframework.serialization..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverDependsOnTheCommandSide() {
        noClasses()
                .that()
                .resideInAPackage("org.clientele.query..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.clientele.command..")
                .check(classes);
    }

    @Test
    void theCommandSideNeverDependsOnTheQuerySide() {
        noClasses()
                .that()
                .resideInAPackage("org.clientele.command..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.clientele.query..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverWritesEventsNorSendsCommands() {
        noClasses()
                .that()
                .resideInAPackage("org.clientele.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework.commandhandling..", "org.axonframework.modelling.command..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.eventhandling.EventBus")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.eventhandling.gateway.EventGateway")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.eventsourcing.eventstore.EventStore")
                .check(classes);
    }

    @Test
    void thePlatformKnowsNoSide() {
        noClasses()
                .that()
                .resideInAPackage("org.clientele.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.clientele.command..", "org.clientele.query..")
                .check(classes);
    }

    @Test
    void domainModelsStayFreeOfSpringAndJdbc() {
        noClasses()
                .that()
                .resideInAnyPackage("org.clientele.command.customer", "org.clientele.query.customer")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theLauncherOnlyWiresTheSidesTogether() {
        noClasses()
                .that()
                .resideInAPackage("org.clientele.launcher..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework..", "java.sql..")
                .check(classes);
    }
}

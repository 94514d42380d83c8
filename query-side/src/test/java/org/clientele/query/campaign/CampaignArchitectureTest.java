package org.clientele.query.campaign;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Every campaign figure comes from plain functions that the projection's tables only feed. */
@AnalyzeClasses(packages = "org.clientele.query.campaign", importOptions = ImportOption.DoNotIncludeTests.class)
class CampaignArchitectureTest {

    @ArchTest
    static final ArchRule resultsAreComputedWithoutSpringOrJdbc = noClasses()
            .that()
            .haveNameMatching("org\\.clientele\\.query\\.campaign\\.(Attribution|UpliftStatistics|CampaignResults"
                    + "|CampaignView)(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "org.axonframework..");
}

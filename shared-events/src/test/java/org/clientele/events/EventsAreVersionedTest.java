package org.clientele.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.customer.CustomerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An event never changes shape silently: each carries a revision, and the module stays free of frameworks. */
class EventsAreVersionedTest {

    private static final JavaClasses EVENTS_MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.clientele.events");

    static Stream<Class<?>> eventTypes() {
        return SampleEvents.complete().stream().map(Object::getClass);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventIsARecordWithARevision(Class<?> eventType) {
        assertThat(eventType.isRecord())
                .as("%s is a record", eventType.getSimpleName())
                .isTrue();
        assertThat(eventType.getAnnotation(Revision.class))
                .as("@Revision on %s", eventType.getSimpleName())
                .isNotNull()
                .extracting(Revision::value)
                .asString()
                .isNotBlank();
    }

    /** The records about a customer that are parts of events, not events: they travel inside one. */
    private static final Set<String> EVENT_PARTS = Set.of(AudienceMember.class.getName());

    /**
     * Every record about a customer or a campaign is an event, but for the listed parts; listing them all makes the
     * round-trip test cover new ones.
     */
    @Test
    void theSampleEventsListEveryRecordAboutACustomer() {
        Set<String> recordsAboutACustomer = EVENTS_MODULE.stream()
                .filter(JavaClass::isRecord)
                .filter(type -> type.getFields().stream()
                        .anyMatch(field -> field.getRawType().isEquivalentTo(CustomerId.class)
                                || field.getRawType().isEquivalentTo(CampaignId.class)))
                .map(JavaClass::getName)
                .filter(name -> !EVENT_PARTS.contains(name))
                .collect(Collectors.toSet());

        assertThat(recordsAboutACustomer)
                .containsExactlyInAnyOrderElementsOf(
                        eventTypes().map(Class::getName).toList());
    }

    @Test
    void eventsDependOnlyOnTheJdkAxonsSerializationAnnotationsAndEachOther() {
        classes()
                .that()
                .resideInAPackage("org.clientele.events..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.axonframework.serialization..", "org.clientele.events..")
                .check(EVENTS_MODULE);
    }
}

package org.clientele.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerChurned;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.privacy.PersonalData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules crypto-shredding relies on: a marked part can come back as "erased", and the event names whose key
 * encrypts it.
 */
class PersonalDataMarkingTest {

    static Stream<Class<?>> eventsWithPersonalData() {
        return SampleEvents.complete().stream()
                .<Class<?>>map(Object::getClass)
                .filter(type -> !personalParts(type).isEmpty());
    }

    private static List<RecordComponent> personalParts(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> component.isAnnotationPresent(PersonalData.class))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("eventsWithPersonalData")
    void anEventWithPersonalDataNamesItsCustomer(Class<?> eventType) {
        assertThat(Arrays.stream(eventType.getRecordComponents()))
                .anyMatch(component ->
                        component.getName().equals("customerId") && component.getType() == CustomerId.class);
    }

    @ParameterizedTest
    @MethodSource("eventsWithPersonalData")
    void everyPersonalPartCanSayItWasErased(Class<?> eventType) {
        for (RecordComponent part : personalParts(eventType)) {
            boolean text = part.getType() == String.class;
            boolean erasable = part.getType().isRecord()
                    && Arrays.stream(part.getType().getRecordComponents())
                            .anyMatch(c -> c.getName().equals("erased") && c.getType() == boolean.class);
            assertThat(text || erasable)
                    .as("%s.%s is text or has an 'erased' flag", eventType.getSimpleName(), part.getName())
                    .isTrue();
        }
    }

    @Test
    void contactDetailsAndFreeTextAreMarked() {
        assertThat(personalParts(ContactRegistered.class))
                .extracting(RecordComponent::getName)
                .containsExactlyInAnyOrder("contact", "externalReference");
        assertThat(personalParts(CustomerChurned.class))
                .extracting(RecordComponent::getName)
                .containsExactly("detail");
    }

    @Test
    void erasedDetailsCarryNoDetail() {
        assertThat(ContactDetails.erasedDetails().erased()).isTrue();
        assertThat(ContactDetails.erasedDetails().email()).isNull();
        assertThat(ContactDetails.none().erased()).isFalse();
    }
}

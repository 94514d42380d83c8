package org.clientele.events.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a part of an event that identifies or describes a person: names, contact details, references into other
 * systems, free text. The event store keeps such a part encrypted with the key of the event's customer (its
 * {@code customerId}), so that destroying that key erases the person from the whole history (crypto-shredding).
 *
 * <p>A marked part comes back as {@link Erased#TEXT} when it is text, and as an object with {@code erased = true}
 * otherwise, once the key is gone. The facts that are not marked (amounts, dates, channels) stay readable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {}

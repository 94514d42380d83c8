package org.clientele.events.consent;

/** Where a consent change was collected, for example "web_form", "shop", "import" or "unsubscribe_link". */
public record ConsentSource(String value) {

    public ConsentSource {
        value = Slug.check(value, "source");
    }

    public static ConsentSource of(String value) {
        return new ConsentSource(value);
    }
}

package org.clientele.events.consent;

/** What a consent allows the company to do with a channel, for example "marketing" or "partners". */
public record ConsentPurpose(String value) {

    public static final ConsentPurpose MARKETING = new ConsentPurpose("marketing");
    public static final ConsentPurpose PARTNERS = new ConsentPurpose("partners");
    public static final ConsentPurpose PROFILING = new ConsentPurpose("profiling");

    public ConsentPurpose {
        value = Slug.check(value, "purpose");
    }

    public static ConsentPurpose of(String value) {
        return new ConsentPurpose(value);
    }
}

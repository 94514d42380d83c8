package org.clientele.platform.security;

/** The roles a user can hold. ADMIN may do everything the others may. */
public final class Roles {

    /** Issues write commands. */
    public static final String BACKOFFICE = "BACKOFFICE";
    /** Reads the views. */
    public static final String ANALYST = "ANALYST";
    /** Reads the consent history. */
    public static final String AUDITOR = "AUDITOR";

    public static final String ADMIN = "ADMIN";

    /** Method-security expressions, so that controllers name a rule rather than spell it out. */
    public static final String CAN_WRITE = "hasAnyRole('BACKOFFICE','ADMIN')";

    public static final String CAN_READ = "hasAnyRole('ANALYST','ADMIN')";
    public static final String CAN_AUDIT = "hasAnyRole('AUDITOR','ADMIN')";

    private Roles() {}
}

package org.clientele.command.campaign;

/** A campaign command that breaks a rule; {@code code} is stable, for the API's problem answers. */
public class CampaignRejected extends RuntimeException {

    private final String code;

    public CampaignRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package org.clientele.command.campaign;

import org.clientele.platform.axon.NonTransient;

/** A campaign command that breaks a rule; {@code code} is stable, for the API's problem answers. */
public class CampaignRejected extends RuntimeException implements NonTransient {

    private final String code;

    public CampaignRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package org.clientele.events.campaign;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A share of a launched audience, each member with its segment and assignment (events of at most 1,000 members). */
@Revision("1")
public record AudienceAssigned(CampaignId campaignId, List<AudienceMember> members) {

    public AudienceAssigned {
        members = members == null ? List.of() : List.copyOf(members);
    }
}

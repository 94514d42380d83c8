package org.clientele.command.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.clientele.events.campaign.AudienceAssigned;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignClosed;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The write side's directory of campaigns and their audiences, for the contact gate. Kept by a subscribing processor,
 * so in the transaction that records the campaign's events: a launched audience is in the directory as soon as the
 * launch is acknowledged.
 */
@Component
@ProcessingGroup(CampaignDirectory.PROCESSING_GROUP)
public class CampaignDirectory {

    public static final String PROCESSING_GROUP = "campaign-directory";

    /** What the gate needs of a campaign. */
    public record Entry(CampaignId campaignId, Channel channel, ConsentPurpose purpose, String status) {
        public boolean isRunning() {
            return "RUNNING".equals(status);
        }
    }

    /** One audience member: its segment at launch and its arm. */
    public record Member(String segment, String assignment) {}

    private final JdbcTemplate jdbc;

    CampaignDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> campaign(CampaignId id) {
        return jdbc
                .query(
                        "SELECT channel, purpose, status FROM campaign_directory WHERE campaign_id = ?",
                        (rs, n) -> new Entry(
                                id,
                                Channel.valueOf(rs.getString(1)),
                                ConsentPurpose.of(rs.getString(2)),
                                rs.getString(3)),
                        id.value())
                .stream()
                .findFirst();
    }

    /** The audience members among these customers; the others are not in the audience. */
    public Map<UUID, Member> members(CampaignId id, Collection<UUID> customers) {
        Map<UUID, Member> found = new HashMap<>();
        jdbc.query(
                "SELECT customer_id, segment, assignment FROM campaign_audience "
                        + "WHERE campaign_id = ? AND customer_id = ANY(?::uuid[])",
                rs -> {
                    found.put(rs.getObject(1, UUID.class), new Member(rs.getString(2), rs.getString(3)));
                },
                id.value(),
                customers.stream().map(UUID::toString).toArray(String[]::new));
        return found;
    }

    /** How many members of the frozen audience are in each arm, by arm. */
    public Map<String, Long> arms(CampaignId id) {
        Map<String, Long> arms = new java.util.TreeMap<>();
        jdbc.query(
                "SELECT assignment, count(*) FROM campaign_audience WHERE campaign_id = ? GROUP BY assignment",
                rs -> {
                    arms.put(rs.getString(1), rs.getLong(2));
                },
                id.value());
        return arms;
    }

    /** The whole frozen audience, in batches, in a stable order. */
    public List<List<UUID>> audienceInBatches(CampaignId id, int size) {
        List<UUID> all = jdbc.queryForList(
                "SELECT customer_id FROM campaign_audience WHERE campaign_id = ? ORDER BY customer_id",
                UUID.class,
                id.value());
        List<List<UUID>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            batches.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return batches;
    }

    @EventHandler
    void on(CampaignDefined event) {
        jdbc.update(
                "INSERT INTO campaign_directory (campaign_id, channel, purpose, status) VALUES (?, ?, ?, 'DEFINED') "
                        + "ON CONFLICT DO NOTHING",
                event.campaignId().value(),
                event.channel().name(),
                event.purpose().value());
    }

    @EventHandler
    void on(CampaignLaunched event) {
        jdbc.update(
                "UPDATE campaign_directory SET status = 'RUNNING' WHERE campaign_id = ?",
                event.campaignId().value());
    }

    @EventHandler
    void on(AudienceAssigned event) {
        List<Object[]> rows = new ArrayList<>(event.members().size());
        for (AudienceMember member : event.members()) {
            rows.add(new Object[] {
                event.campaignId().value(), member.customerId().value(), member.segment(), member.assignment()
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO campaign_audience (campaign_id, customer_id, segment, assignment) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                rows);
    }

    @EventHandler
    void on(CampaignClosed event) {
        jdbc.update(
                "UPDATE campaign_directory SET status = 'CLOSED' WHERE campaign_id = ?",
                event.campaignId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE campaign_directory, campaign_audience");
    }
}

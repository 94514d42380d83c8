package org.clientele.query.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.clientele.query.campaign.CampaignResults.Group;
import org.springframework.stereotype.Component;

/**
 * The memory of every operation: the history, searchable; one campaign's results; and, for a launch segment, every
 * operation that ran on it with how it did there. Results are computed on demand by {@link CampaignResults#of}
 * from the campaign-memory tables.
 */
@Component
public class CampaignMemory {

    /**
     * Every filter is optional. {@code offer} and {@code objective} match any part of the text, case ignored (the
     * offer of the campaign or of one of its variants); {@code segment} is a launch segment label, case ignored;
     * the dates bound the campaign's date (its launch, or its definition until then), both included.
     */
    public record HistoryFilter(
            String channel,
            String segment,
            String offer,
            String objective,
            CampaignView.Status status,
            Instant from,
            Instant to) {}

    public record HistoryPage(List<CampaignView> items, int page, int size, long totalItems, long totalPages) {}

    /** One operation on a segment: the campaign, and its results on that segment's members only. */
    public record Operation(CampaignView campaign, Group result, List<Group> variants) {}

    /** The operations that ran on one launch segment, the best uplift in conversion first. */
    public record SegmentOperations(String segment, Instant asOf, List<Operation> operations) {}

    /**
     * A member's latest decision of the gate: approved with its {@code variant}, or refused with its {@code reason};
     * on the campaign's {@code channel}.
     */
    public record Decision(
            UUID customerId, boolean approved, String variant, String reason, String channel, Instant decidedAt) {}

    /** A member of the frozen audience: its launch segment (null for an explicit list) and its arm. */
    public record AudienceLine(UUID customerId, String segment, String assignment) {}

    private final CampaignMemoryRepository repository;

    CampaignMemory(CampaignMemoryRepository repository) {
        this.repository = repository;
    }

    public boolean exists(UUID campaignId) {
        return repository.find(campaignId).isPresent();
    }

    public Optional<CampaignView> campaign(UUID campaignId) {
        return repository.find(campaignId).map(this::withSegments);
    }

    public HistoryPage history(HistoryFilter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (filter.channel() != null) {
            conditions.add("channel = ?");
            args.add(filter.channel());
        }
        if (filter.segment() != null) {
            conditions.add("EXISTS (SELECT 1 FROM campaign_member m WHERE m.campaign_id = campaign.campaign_id "
                    + "AND lower(m.segment) = lower(?))");
            args.add(filter.segment());
        }
        if (filter.offer() != null) {
            conditions.add("(strpos(lower(offer), lower(?)) > 0 OR EXISTS (SELECT 1 FROM campaign_variant v "
                    + "WHERE v.campaign_id = campaign.campaign_id AND strpos(lower(v.offer), lower(?)) > 0))");
            args.add(filter.offer());
            args.add(filter.offer());
        }
        if (filter.objective() != null) {
            conditions.add("strpos(lower(objective), lower(?)) > 0");
            args.add(filter.objective());
        }
        if (filter.status() != null) {
            conditions.add(
                    switch (filter.status()) {
                        case DEFINED -> "launched_at IS NULL";
                        case LAUNCHED -> "launched_at IS NOT NULL AND closed_at IS NULL";
                        case CLOSED -> "closed_at IS NOT NULL";
                    });
        }
        if (filter.from() != null) {
            conditions.add("coalesce(launched_at, defined_at) >= ?");
            args.add(CampaignMemoryRepository.timestamp(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("coalesce(launched_at, defined_at) <= ?");
            args.add(CampaignMemoryRepository.timestamp(filter.to()));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = repository.count(where, args);
        args.add(size);
        args.add((long) page * size);
        List<CampaignView> items = repository.campaigns(
                where + " ORDER BY coalesce(launched_at, defined_at) DESC, campaign_id LIMIT ? OFFSET ?", args);
        Map<String, List<CampaignView.SegmentSize>> sizes = repository.segmentSizes(
                items.stream().map(CampaignView::campaignId).toList());
        List<CampaignView> withSizes = items.stream()
                .map(item -> item.withSegments(sizes.getOrDefault(item.campaignId(), List.of())))
                .toList();
        return new HistoryPage(withSizes, page, size, total, (total + size - 1) / size);
    }

    /**
     * The results of a launched campaign as of {@code asOf} (closed or not: its windows run their course).
     *
     * @param currency the currency to count revenue in; when null, the cost's, else the one most sales were in
     */
    public CampaignResults results(CampaignView campaign, Instant asOf, String currency) {
        return CampaignResults.of(campaign, repository.members(campaign, asOf, null), asOf, currency, null);
    }

    /**
     * Each audience member's latest decision of the gate, when it is an approval ({@code approved}) or a refusal, in
     * customer order: the list a sending tool works from.
     */
    public void latestDecisions(UUID campaignId, boolean approved, Consumer<Decision> sink) {
        repository.latestDecisions(campaignId, approved, sink);
    }

    /** Every member of the campaign's frozen audience, in customer order. */
    public void audience(UUID campaignId, Consumer<AudienceLine> sink) {
        repository.audience(campaignId, sink);
    }

    public SegmentOperations segmentOperations(String segment, Instant asOf) {
        List<Operation> operations = new ArrayList<>();
        for (var entry : repository.campaignsOnSegment(segment).entrySet()) {
            CampaignView campaign = campaign(entry.getKey()).orElseThrow();
            if (campaign.launchedAt() == null) {
                continue;
            }
            UUID id = entry.getKey();
            CampaignResults results = CampaignResults.of(
                    campaign,
                    repository.members(campaign, asOf, entry.getValue()),
                    asOf,
                    null,
                    new CampaignResults.WholeCampaign(
                            repository.approvedTreatedMembers(id, asOf), repository.lastApproval(id, asOf)));
            Group onSegment = results.segments().isEmpty()
                    ? results.total()
                    : results.segments().get(0);
            operations.add(new Operation(campaign, onSegment, results.variants()));
        }
        operations.sort(Comparator.comparing(
                        (Operation operation) ->
                                operation.result().uplift().conversionRate().difference(),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(operation -> operation.campaign().launchedAt(), Comparator.reverseOrder())
                .thenComparing(operation -> operation.campaign().campaignId()));
        return new SegmentOperations(segment, asOf, operations);
    }

    private CampaignView withSegments(CampaignView campaign) {
        return campaign.withSegments(
                repository.segmentSizes(List.of(campaign.campaignId())).getOrDefault(campaign.campaignId(), List.of()));
    }
}

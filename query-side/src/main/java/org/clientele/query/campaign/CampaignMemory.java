package org.clientele.query.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    private final CampaignMemoryRepository repository;

    CampaignMemory(CampaignMemoryRepository repository) {
        this.repository = repository;
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
     * The results of a launched campaign as of {@code asOf}.
     *
     * @param currency the currency to count revenue in; when null, the cost's, else the one most revenue was in
     */
    public CampaignResults results(CampaignView campaign, Instant asOf, String currency) {
        Instant cut = cut(campaign, asOf);
        return CampaignResults.of(campaign, repository.members(campaign, cut, null), asOf, currency, null);
    }

    public SegmentOperations segmentOperations(String segment, Instant asOf) {
        List<Operation> operations = new ArrayList<>();
        for (var entry : repository.campaignsOnSegment(segment).entrySet()) {
            CampaignView campaign = campaign(entry.getKey()).orElseThrow();
            if (campaign.launchedAt() == null) {
                continue;
            }
            Instant cut = cut(campaign, asOf);
            UUID id = entry.getKey();
            CampaignResults results = CampaignResults.of(
                    campaign,
                    repository.members(campaign, cut, entry.getValue()),
                    asOf,
                    null,
                    repository.approvedTreatedMembers(id, cut));
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

    private static Instant cut(CampaignView campaign, Instant asOf) {
        return campaign.closedAt() != null && campaign.closedAt().isBefore(asOf) ? campaign.closedAt() : asOf;
    }

    private CampaignView withSegments(CampaignView campaign) {
        return campaign.withSegments(
                repository.segmentSizes(List.of(campaign.campaignId())).getOrDefault(campaign.campaignId(), List.of()));
    }
}

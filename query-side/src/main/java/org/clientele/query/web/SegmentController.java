package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.platform.web.ProblemException;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.PhaseHistory;
import org.clientele.query.segment.RfmSegment;
import org.clientele.query.segment.SegmentAnalysis;
import org.clientele.query.segment.SegmentViews;
import org.clientele.query.segment.SegmentViews.SegmentMember;
import org.clientele.query.segment.ValueTiers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The segment views, each as of any date ({@code asOf}: a day means its end, UTC; now when absent), and each list of
 * customers as CSV for a campaign tool. The rules are in docs/segments.md.
 */
@RestController
@RequestMapping("/api/segments")
@PreAuthorize(Roles.CAN_READ)
@Tag(name = "Segments")
class SegmentController {

    private static final String AS_OF = "as of this date (2011-06-30, its end) or instant; now when absent";
    private static final String WINDOW = "only the purchases of the last N months before asOf; all history when absent";
    private static final String CURRENCY = "the currency monetary values are in; the one with most revenue when absent";

    private final SegmentAnalysis segments;
    private final Clock clock;

    SegmentController(SegmentAnalysis segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    @GetMapping("/lifecycle")
    @Operation(summary = "Customers per lifecycle phase, and the inactive ones per band of inactivity")
    SegmentViews.Lifecycle lifecycle(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = "lower bounds of the inactivity bands in months (12,24,36)")
                    @RequestParam(required = false)
                    String bands) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        List<Integer> bandList = bands(errors, bands);
        errors.throwIfAny();
        return segments.lifecycle(at, bandList);
    }

    @GetMapping(path = "/lifecycle/customers.csv", produces = "text/csv")
    @Operation(summary = "The customers in one phase (and one inactivity band, by its lower bound), as CSV")
    void lifecycleCustomers(
            @RequestParam(required = false) String asOf,
            @RequestParam String phase,
            @Parameter(description = "for INACTIVE: the band's lower bound in months (12, 24, 36)")
                    @RequestParam(required = false)
                    String band,
            @RequestParam(required = false) String bands,
            HttpServletResponse response) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        LifecyclePhase wanted =
                errors.required("phase", phase, text -> QueryParameters.enumValue(LifecyclePhase.class, text));
        Integer bandFrom = errors.optional("band", band, SegmentController::positiveInt);
        List<Integer> bandList = bands(errors, bands);
        errors.throwIfAny();
        csv(
                response,
                "lifecycle-" + wanted.name().toLowerCase(Locale.ROOT) + ".csv",
                sink -> segments.lifecycleMembers(at, wanted, bandFrom, bandList, sink));
    }

    @GetMapping("/lifecycle/transitions")
    @Operation(summary = "How many customers went from each phase on one date to each phase on another")
    SegmentViews.Transitions transitions(@RequestParam String from, @RequestParam(required = false) String to) {
        FieldErrors errors = new FieldErrors();
        Instant start = errors.required("from", from, DateParameters::endOfDay);
        Instant end = to == null ? clock.instant() : errors.required("to", to, DateParameters::endOfDay);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.reject("to", "must come after from");
        }
        errors.throwIfAny();
        return segments.transitions(start, end);
    }

    @GetMapping("/lifecycle/history/{id}")
    @Operation(summary = "When one customer entered and left each phase, up to a date")
    PhaseHistory phaseHistory(@PathVariable String id, @RequestParam(required = false) String until) {
        FieldErrors errors = new FieldErrors();
        CustomerId customer = errors.required("id", id, CustomerId::parse);
        Instant end = QueryParameters.asOf(errors, until, clock);
        errors.throwIfAny();
        return segments.phaseHistory(customer.value(), end)
                .orElseThrow(() -> ProblemException.notFound(
                        "CUSTOMER_NOT_FOUND", "No customer " + id + " is in the file by " + end + "."));
    }

    @GetMapping("/rfm")
    @Operation(summary = "RFM: quintile scores and named segments, with customers, revenue, share and average basket")
    SegmentViews.Rfm rfm(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = WINDOW) @RequestParam(required = false) String windowMonths,
            @Parameter(description = CURRENCY) @RequestParam(required = false) String currency) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Integer window = errors.optional("windowMonths", windowMonths, SegmentController::positiveInt);
        String chosen = errors.optional("currency", currency, QueryParameters::currency);
        errors.throwIfAny();
        return segments.rfm(at, window, chosen);
    }

    @GetMapping(path = "/rfm/customers.csv", produces = "text/csv")
    @Operation(summary = "The customers of one RFM segment (or all), with their scores, as CSV")
    void rfmCustomers(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String windowMonths,
            @RequestParam(required = false) String currency,
            @Parameter(description = "a segment code (CHAMPIONS, AT_RISK...) or label; all when absent")
                    @RequestParam(required = false)
                    String segment,
            HttpServletResponse response) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Integer window = errors.optional("windowMonths", windowMonths, SegmentController::positiveInt);
        String chosen = errors.optional("currency", currency, QueryParameters::currency);
        RfmSegment only = errors.optional("segment", segment, SegmentController::rfmSegment);
        errors.throwIfAny();
        csv(response, "rfm.csv", sink -> segments.rfmMembers(at, window, chosen, only, sink));
    }

    @GetMapping("/tiers")
    @Operation(summary = "Value tiers (small, medium, large, very large) by net value, cut by quantiles or amounts")
    SegmentViews.Tiers tiers(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = WINDOW) @RequestParam(required = false) String windowMonths,
            @Parameter(description = CURRENCY) @RequestParam(required = false) String currency,
            @Parameter(description = "three increasing shares, the default 0.5,0.8,0.95")
                    @RequestParam(required = false)
                    String quantiles,
            @Parameter(description = "three increasing amounts, instead of quantiles: 100,500,2000")
                    @RequestParam(required = false)
                    String amounts) {
        TierQuery query = tierQuery(asOf, windowMonths, currency, quantiles, amounts, null);
        return segments.tiers(query.at, query.window, query.currency, query.quantiles, query.amounts);
    }

    @GetMapping(path = "/tiers/customers.csv", produces = "text/csv")
    @Operation(summary = "The customers of one value tier (or all), as CSV")
    void tierCustomers(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String windowMonths,
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) String quantiles,
            @RequestParam(required = false) String amounts,
            @RequestParam(required = false) String tier,
            HttpServletResponse response) {
        TierQuery query = tierQuery(asOf, windowMonths, currency, quantiles, amounts, tier);
        csv(
                response,
                "tiers.csv",
                sink -> segments.tierMembers(
                        query.at, query.window, query.currency, query.quantiles, query.amounts, query.tier, sink));
    }

    @GetMapping("/cohorts/retention")
    @Operation(summary = "Monthly cohorts by first purchase: the share of each buying in month 0, 1, 2...")
    SegmentViews.Retention retention(@Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        errors.throwIfAny();
        return segments.retention(at);
    }

    @GetMapping("/cohorts/prospects")
    @Operation(summary = "Prospects by registration month: what they had become 3, 6 and 12 months later")
    SegmentViews.Prospects prospects(@Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        errors.throwIfAny();
        return segments.prospects(at);
    }

    @GetMapping("/cohorts/recruiting-products")
    @Operation(summary = "The products most often in first purchases, ranked")
    SegmentViews.RecruitingProducts recruitingProducts(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String limit) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Integer top = errors.optional("limit", limit, text -> QueryParameters.bounded(text, 1, 500));
        errors.throwIfAny();
        return segments.recruitingProducts(at, top == null ? 20 : top);
    }

    @GetMapping("/seasonal")
    @Operation(summary = "Customers who bought the same product in the same season in at least N of the last M years")
    SegmentViews.Seasonal seasonal(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = "N, default 3") @RequestParam(required = false) String minYears,
            @Parameter(description = "M, default 3") @RequestParam(required = false) String years) {
        SeasonalQuery query = seasonalQuery(asOf, minYears, years);
        return segments.seasonal(query.at, query.minYears, query.years);
    }

    @GetMapping(path = "/seasonal/customers.csv", produces = "text/csv")
    @Operation(summary = "The seasonal repeat buyers, as CSV, with the date the season starts again")
    void seasonalCustomers(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String minYears,
            @RequestParam(required = false) String years,
            HttpServletResponse response) {
        SeasonalQuery query = seasonalQuery(asOf, minYears, years);
        SegmentViews.Seasonal seasonal = segments.seasonal(query.at, query.minYears, query.years);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"seasonal.csv\"");
        try (CSVPrinter csv = new CSVPrinter(
                response.getWriter(),
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("customer_id", "sku", "season", "years", "next_season_starts")
                        .get())) {
            for (SegmentViews.SeasonalBuyer buyer : seasonal.buyers()) {
                csv.printRecord(
                        buyer.customerId(),
                        buyer.sku(),
                        buyer.season(),
                        String.join(
                                " ", buyer.years().stream().map(String::valueOf).toList()),
                        buyer.nextSeasonStarts());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- parameters ----

    private record TierQuery(
            Instant at,
            Integer window,
            String currency,
            List<Double> quantiles,
            List<BigDecimal> amounts,
            ValueTiers tier) {}

    private TierQuery tierQuery(
            String asOf, String windowMonths, String currency, String quantiles, String amounts, String tier) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Integer window = errors.optional("windowMonths", windowMonths, SegmentController::positiveInt);
        String chosen = errors.optional("currency", currency, QueryParameters::currency);
        List<Double> shares = errors.optional("quantiles", quantiles, text -> cuts(text, Double::valueOf, true));
        List<BigDecimal> cuts = errors.optional("amounts", amounts, text -> cuts(text, BigDecimal::new, false));
        ValueTiers only = errors.optional("tier", tier, text -> QueryParameters.enumValue(ValueTiers.class, text));
        if (shares != null && cuts != null) {
            errors.reject("amounts", "give quantiles or amounts, not both");
        }
        errors.throwIfAny();
        return new TierQuery(
                at, window, chosen, shares == null ? segments.defaults().tierQuantiles() : shares, cuts, only);
    }

    private record SeasonalQuery(Instant at, int minYears, int years) {}

    private SeasonalQuery seasonalQuery(String asOf, String minYears, String years) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Integer least = errors.optional("minYears", minYears, text -> QueryParameters.bounded(text, 1, 50));
        Integer span = errors.optional("years", years, text -> QueryParameters.bounded(text, 1, 50));
        int n = least == null ? 3 : least;
        int m = span == null ? Math.max(3, n) : span;
        if (n > m) {
            errors.reject("minYears", "cannot exceed years (" + m + ")");
        }
        errors.throwIfAny();
        return new SeasonalQuery(at, n, m);
    }

    private List<Integer> bands(FieldErrors errors, String bands) {
        List<Integer> parsed = errors.optional("bands", bands, text -> {
            List<Integer> values = Arrays.stream(text.split(","))
                    .map(String::strip)
                    .map(SegmentController::positiveInt)
                    .toList();
            for (int i = 1; i < values.size(); i++) {
                if (values.get(i) <= values.get(i - 1)) {
                    throw new IllegalArgumentException("bands must increase, got " + text);
                }
            }
            return values;
        });
        return parsed == null ? segments.defaults().inactivityBandsMonths() : parsed;
    }

    private static <T extends Comparable<T>> List<T> cuts(String text, Function<String, T> parse, boolean shares) {
        List<T> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                values.add(parse.apply(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a number");
            }
        }
        if (values.size() != 3) {
            throw new IllegalArgumentException("three cut points are needed for four tiers, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (shares && !(((Double) values.get(i)) > 0 && ((Double) values.get(i)) < 1)) {
                throw new IllegalArgumentException("a quantile lies strictly between 0 and 1, got " + values.get(i));
            }
            if (i > 0 && values.get(i).compareTo(values.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("cut points must increase, got " + text);
            }
        }
        return values;
    }

    private static int positiveInt(String text) {
        return QueryParameters.bounded(text, 1, 1200);
    }

    private static RfmSegment rfmSegment(String text) {
        for (RfmSegment segment : RfmSegment.values()) {
            if (segment.name().equalsIgnoreCase(text.strip()) || segment.label().equalsIgnoreCase(text.strip())) {
                return segment;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a segment; one of "
                + Arrays.stream(RfmSegment.values()).map(Enum::name).toList());
    }

    private static void csv(HttpServletResponse response, String fileName, Consumer<Consumer<SegmentMember>> source) {
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try {
            Writer writer = response.getWriter();
            CSVPrinter csv = new CSVPrinter(
                    writer,
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader(
                                    "customer_id",
                                    "segment",
                                    "recency_score",
                                    "frequency_score",
                                    "monetary_score",
                                    "last_purchase_at",
                                    "orders",
                                    "net_value")
                            .get());
            source.accept(member -> {
                try {
                    csv.printRecord(
                            member.customerId(),
                            member.segment(),
                            member.recencyScore(),
                            member.frequencyScore(),
                            member.monetaryScore(),
                            member.lastPurchaseAt(),
                            member.orders(),
                            member.netValue() == null ? null : member.netValue().toPlainString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

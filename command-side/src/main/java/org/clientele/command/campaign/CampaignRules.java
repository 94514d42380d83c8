package org.clientele.command.campaign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.Variant;
import org.clientele.platform.web.FieldError;

/**
 * What makes a campaign definition sound, in one place: the aggregate refuses a definition that breaks a rule, and
 * the web layer reports each broken rule on its field before sending the command.
 */
public final class CampaignRules {

    static final int MAX_NAME = 200;
    static final int MAX_ATTRIBUTION_DAYS = 365;
    static final BigDecimal MAX_CONTROL_RATIO = new BigDecimal("0.5");
    /** The read model keeps amounts as NUMERIC(19,4): a larger cost could not be stored. */
    static final BigDecimal MAX_COST = new BigDecimal("1000000000000");

    private CampaignRules() {}

    /** Every broken rule of the definition, each on its field; empty when the definition is sound. */
    public static List<FieldError> problems(DefineCampaign command) {
        List<FieldError> problems = new ArrayList<>();
        if (command.name() == null || command.name().isBlank()) {
            problems.add(new FieldError("name", "is required"));
        } else if (command.name().length() > MAX_NAME) {
            problems.add(new FieldError("name", "is longer than " + MAX_NAME + " characters"));
        }
        if (command.channel() == null) {
            problems.add(new FieldError("channel", "is required: EMAIL, SMS, PHONE or POSTAL"));
        }
        if (command.purpose() == null) {
            problems.add(new FieldError("purpose", "is required"));
        }
        if (command.attributionWindowDays() < 1 || command.attributionWindowDays() > MAX_ATTRIBUTION_DAYS) {
            problems.add(new FieldError("attributionWindowDays", "must be 1 to " + MAX_ATTRIBUTION_DAYS + " days"));
        }
        if (command.cost() != null && command.cost().amount().signum() < 0) {
            problems.add(new FieldError("cost", "must not be negative"));
        } else if (command.cost() != null && command.cost().amount().compareTo(MAX_COST) >= 0) {
            problems.add(new FieldError("cost", "must be below " + MAX_COST.toPlainString()));
        }
        if (command.controlRatio() == null
                || command.controlRatio().signum() < 0
                || command.controlRatio().compareTo(MAX_CONTROL_RATIO) > 0) {
            problems.add(new FieldError("controlRatio", "must be 0 to " + MAX_CONTROL_RATIO));
        }
        BigDecimal total = BigDecimal.ZERO;
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < command.variants().size(); i++) {
            Variant variant = command.variants().get(i);
            String field = "variants[" + i + "]";
            if (variant.code() == null
                    || !variant.code().matches("[A-Za-z0-9_-]{1,20}")
                    || AudienceMember.CONTROL.equals(variant.code())
                    || Assignment.MAIN.equals(variant.code())) {
                problems.add(new FieldError(
                        field + ".code", "is 1 to 20 letters, digits, - or _, and neither CONTROL nor MAIN"));
            } else if (!codes.add(variant.code())) {
                problems.add(new FieldError(field + ".code", "is used twice"));
            }
            if (variant.share() == null || variant.share().signum() <= 0) {
                problems.add(new FieldError(field + ".share", "must be positive"));
            } else {
                total = total.add(variant.share());
            }
        }
        if (!command.variants().isEmpty() && total.compareTo(BigDecimal.ONE) != 0) {
            problems.add(new FieldError("variants", "the shares must add up to 1, they add up to " + total));
        }
        return problems;
    }

    static void check(DefineCampaign command) {
        List<FieldError> problems = problems(command);
        if (!problems.isEmpty()) {
            throw new CampaignRejected(
                    "INVALID_CAMPAIGN",
                    String.join(
                            "; ",
                            problems.stream()
                                    .map(problem -> problem.field() + " " + problem.reason())
                                    .toList()));
        }
    }
}

package org.clientele.query.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Probable duplicates, for a person to review before merging: pairs that no exact identity (reference, email, phone)
 * joined, but that share a name and postcode, or live at the same address under names a typo or two apart.
 */
@Component
public class DuplicateCandidates {

    /** At most this many edits between two full names for them to be "close" (Levenshtein distance). */
    static final int CLOSE_NAME_DISTANCE = 2;

    public enum Rule {
        SAME_NAME_AND_POSTCODE,
        CLOSE_NAME_SAME_ADDRESS
    }

    public record Evidence(String field, String first, String second) {}

    public record Pair(String firstCustomerId, String secondCustomerId, Rule rule, List<Evidence> evidence) {}

    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(CLOSE_NAME_DISTANCE);

    private final JdbcTemplate jdbc;

    DuplicateCandidates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Pair> find(int limit) {
        List<Pair> pairs = new ArrayList<>(jdbc.query(
                """
                SELECT a.customer_id, b.customer_id, a.first_name, a.last_name, b.first_name, b.last_name,
                       a.postal_code
                FROM customer_profile a
                JOIN customer_profile b
                  ON lower(a.last_name) = lower(b.last_name) AND lower(a.first_name) = lower(b.first_name)
                 AND a.postal_code = b.postal_code AND a.customer_id < b.customer_id
                WHERE a.merged_into IS NULL AND b.merged_into IS NULL
                ORDER BY a.customer_id, b.customer_id
                LIMIT ?""",
                (rs, n) -> new Pair(
                        rs.getString(1),
                        rs.getString(2),
                        Rule.SAME_NAME_AND_POSTCODE,
                        List.of(
                                new Evidence(
                                        "name",
                                        rs.getString(3) + " " + rs.getString(4),
                                        rs.getString(5) + " " + rs.getString(6)),
                                new Evidence("postalCode", rs.getString(7), rs.getString(7)))),
                limit));
        if (pairs.size() < limit) {
            jdbc.query("""
                    SELECT a.customer_id, b.customer_id, a.first_name, a.last_name, b.first_name, b.last_name,
                           a.street, b.street, a.postal_code
                    FROM customer_profile a
                    JOIN customer_profile b
                      ON a.postal_code = b.postal_code AND lower(a.street) = lower(b.street)
                     AND a.customer_id < b.customer_id
                    WHERE a.merged_into IS NULL AND b.merged_into IS NULL AND a.last_name IS NOT NULL
                      AND b.last_name IS NOT NULL
                      AND NOT (lower(coalesce(a.first_name, '')) = lower(coalesce(b.first_name, ''))
                               AND lower(a.last_name) = lower(b.last_name))
                    ORDER BY a.customer_id, b.customer_id
                    LIMIT 100000""", rs -> {
                String first = fullName(rs.getString(3), rs.getString(4));
                String second = fullName(rs.getString(5), rs.getString(6));
                if (pairs.size() < limit && close(first, second)) {
                    pairs.add(new Pair(
                            rs.getString(1),
                            rs.getString(2),
                            Rule.CLOSE_NAME_SAME_ADDRESS,
                            List.of(
                                    new Evidence("name", first, second),
                                    new Evidence("street", rs.getString(7), rs.getString(8)),
                                    new Evidence("postalCode", rs.getString(9), rs.getString(9)))));
                }
            });
        }
        return pairs;
    }

    private static String fullName(String first, String last) {
        return ((first == null ? "" : first) + " " + last).strip().toLowerCase(Locale.ROOT);
    }

    static boolean close(String first, String second) {
        return DISTANCE.apply(first, second) >= 0;
    }
}

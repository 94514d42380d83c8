package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Resetting the projections' tokens and replaying the event store rebuilds identical views. */
class ReplayIT {

    private static final String PROFILE =
            "SELECT customer_id, first_name, last_name, email, phone, street, postal_code,"
                    + " city, country, origin_source, registered_at, purchase_count, first_purchase_at, last_purchase_at,"
                    + " churned_at, churn_reason, phase FROM customer_profile ORDER BY customer_id";
    private static final String PURCHASES = "SELECT * FROM customer_purchase ORDER BY customer_id, order_reference";
    private static final String CONSENTS = "SELECT * FROM customer_consent ORDER BY customer_id, channel, purpose";
    private static final String LEDGER = "SELECT * FROM consent_ledger ORDER BY position";

    @Test
    void replayingEveryProjectionRebuildsIdenticalViews() {
        try (Backend backend = Backend.launcher(TestDatabase.newDatabase())) {
            ApiClient api = backend.api();
            JdbcTemplate jdbc = backend.bean(JdbcTemplate.class);
            for (int i = 0; i < 40; i++) {
                String id = api.register("replay" + i + "@example.com");
                for (int order = 0; order < i % 4; order++) {
                    api.post("/api/customers/" + id + "/purchases", ApiClient.BACKOFFICE, """
                            {"orderReference":"O-%d","purchasedAt":"2025-0%d-10T12:00:00Z","amount":%d.99,
                             "currency":"GBP","channel":"WEB"}""".formatted(
                                    order, order + 1, 10 + i));
                }
                if (i % 3 == 0) {
                    api.post(
                            "/api/customers/" + id + "/consents",
                            ApiClient.BACKOFFICE,
                            "{\"channel\":\"SMS\",\"purpose\":\"marketing\",\"source\":\"shop\",\"legalBasis\":\"CONSENT\"}");
                }
                if (i % 7 == 0) {
                    api.post("/api/customers/" + id + "/churn", ApiClient.BACKOFFICE, "{\"reason\":\"PRICE\"}");
                }
            }
            long head = backend.head();
            backend.awaitProjectionsAt(head);
            Map<String, List<Map<String, Object>>> before = views(jdbc);
            assertThat(before.get(PROFILE)).hasSize(40);
            assertThat(before.get(LEDGER)).isNotEmpty();

            for (String projection : List.of("customer-profile", "consent-ledger")) {
                assertThat(api.post("/api/admin/projections/" + projection + "/replay", ApiClient.ADMIN, "")
                                .status())
                        .isEqualTo(202);
            }
            backend.awaitProjectionsAt(head);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(views(jdbc)).isEqualTo(before));
        }
    }

    private static Map<String, List<Map<String, Object>>> views(JdbcTemplate jdbc) {
        return Map.of(
                PROFILE,
                jdbc.queryForList(PROFILE),
                PURCHASES,
                jdbc.queryForList(PURCHASES),
                CONSENTS,
                jdbc.queryForList(CONSENTS),
                LEDGER,
                jdbc.queryForList(LEDGER));
    }
}

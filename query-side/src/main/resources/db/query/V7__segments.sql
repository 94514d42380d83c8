-- What segment views need beyond the profile: the products of every purchase (recruiting products, seasonal
-- buyers), dated, so that they can be answered as of any date (docs/segments.md).
CREATE TABLE purchase_line (
    customer_id     UUID          NOT NULL,
    order_reference TEXT          NOT NULL,
    line_number     INTEGER       NOT NULL,
    purchased_at    TIMESTAMPTZ   NOT NULL,
    sku             TEXT          NOT NULL,
    quantity        INTEGER       NOT NULL,
    amount          NUMERIC(19,4) NOT NULL,
    PRIMARY KEY (customer_id, order_reference, line_number)
);
CREATE INDEX purchase_line_sku_idx ON purchase_line (sku, purchased_at);

-- as-of scans read each customer's facts in date order
CREATE INDEX customer_purchase_date_idx ON customer_purchase (purchased_at);

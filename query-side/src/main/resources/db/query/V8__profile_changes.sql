-- Every write of a profile row takes the next number of this sequence, so that the segment views' in-memory index
-- can fetch just the customers changed since it was built (docs/segments.md).
CREATE SEQUENCE customer_profile_change_seq;
ALTER TABLE customer_profile ADD COLUMN change_seq BIGINT NOT NULL DEFAULT nextval('customer_profile_change_seq');
CREATE INDEX customer_profile_change_idx ON customer_profile (change_seq);

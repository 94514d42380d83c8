-- Right to erasure: an erased customer's profile keeps its non-personal facts, says when it was erased, and under
-- which request (docs/privacy.md).
ALTER TABLE customer_profile ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE customer_profile ADD COLUMN erasure_reference TEXT;

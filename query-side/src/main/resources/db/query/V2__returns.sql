-- Returns and credit notes sit beside purchases with a negative amount: they reduce the net spent, and are no order.
ALTER TABLE customer_purchase ADD COLUMN kind TEXT NOT NULL DEFAULT 'PURCHASE';

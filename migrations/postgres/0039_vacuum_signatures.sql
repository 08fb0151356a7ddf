-- no-transaction
-- A street's search reads 0038's signatures from their index alone only
-- on pages vacuum has marked all-visible, and the planner walks that index
-- only once it has statistics for it. Until autovacuum reached a table of
-- ten million new rows, the first searches after 0038 read every tested
-- matter's row from the table and were slower than before it (824 against
-- 924 requests a second, measured). VACUUM cannot run inside a
-- transaction, so it has a migration of its own.
VACUUM ANALYZE matter_signature;

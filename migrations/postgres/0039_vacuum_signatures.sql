-- no-transaction
-- A street's search reads 0038's signatures from their index alone only
-- on pages vacuum has marked all-visible, and the planner walks that index
-- only once it has statistics for it. Until autovacuum reached a table of
-- ten million new rows, the first searches after 0038 gained a tenth
-- (924 requests a second against 824) instead of two thirds (1,502
-- against 864 with this migration). VACUUM cannot run inside a
-- transaction, so it has a migration of its own.
VACUUM ANALYZE matter_signature;

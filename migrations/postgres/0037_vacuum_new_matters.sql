-- Vacuum matters soon after they are written, not after a fifth of the
-- table. A search of a street walks its newest matters in
-- `matter_street_idx` and reads their ids from the index alone only on
-- pages that vacuum has marked all-visible; by default autovacuum waits for
-- inserts of 20 % of the table (two million rows at ten million matters),
-- so the newest matters, the ones searched most, were fetched from the
-- table one by one: 170 ms for a street's window, against 0.5 ms after a
-- vacuum. Vacuum skips the pages it has marked, so running it every ten
-- thousand new rows costs little.
ALTER TABLE matter SET (
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_vacuum_scale_factor = 0.01
);
ALTER TABLE matter_search SET (
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_vacuum_scale_factor = 0.01
);

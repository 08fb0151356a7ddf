-- PostgreSQL's migration 0037 tells its autovacuum to mark new matters'
-- pages all-visible sooner. SQLite has no vacuum thresholds (its indexes
-- never need the table to answer); this file keeps the two engines'
-- migrations in step.
SELECT 1;

-- PostgreSQL's migration 0039 vacuums 0038's signatures at once. SQLite
-- has neither; this file keeps the two engines' migrations in step.
SELECT 1;

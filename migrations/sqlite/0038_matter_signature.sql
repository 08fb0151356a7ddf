-- PostgreSQL's migration 0038 keeps a signature of each matter's search
-- terms beside its street, so a street's search tests few matters' terms.
-- SQLite's FTS5 index already holds each matter's place among its terms
-- and walks a street's hits of a word directly; this file keeps the two
-- engines' migrations in step.
SELECT 1;

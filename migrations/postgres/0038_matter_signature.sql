-- A street's search walks the street's newest matters and tests each
-- one's terms until the page is full. The ids came from
-- `matter_street_idx` alone, but every test then read the matter's terms
-- from `matter_search` (its key, then its row): four page reads per matter
-- tested, 1,364 of the 1,521 that a street's window took at ten million
-- matters, to find 21 hits among 341 matters.
--
-- So each matter also gets a signature of its terms, 512 bits with three
-- set per term (a Bloom filter), kept beside its street in an index a
-- walk reads by itself: a matter whose signature lacks a bit of the
-- query's cannot match, and only the others' terms are read. A signature
-- never rules out a match; a false "maybe" costs one read of terms, as
-- every matter did before. A long text sets most bits and is always read.
-- Measured on the newest 20,000 of ten million matters, eight common
-- words: 256 bits with two per term let through 1.1 to 2.8 matters per
-- hit, 512 with three 1.0 to 1.4.

-- One term's three bits, from one hash. A plain expression, so that a
-- query computing its own terms' bits has it written into its plan
-- instead of calling a function (which PostgreSQL plans again on every
-- call: 80 µs a search).
CREATE FUNCTION term_bits(lexeme text) RETURNS bit(512)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT set_bit(set_bit(set_bit(B'0'::bit(512),
        hashtext(lexeme) & 511, 1),
        (hashtext(lexeme) >> 9) & 511, 1),
        (hashtext(lexeme) >> 18) & 511, 1)
$$;

CREATE FUNCTION term_signature(terms tsvector) RETURNS bit(512)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(bit_or(term_bits(lexeme)), B'0'::bit(512)) FROM unnest(terms)
$$;

CREATE TABLE matter_signature (
    matter_id BIGINT NOT NULL,
    street    TEXT NOT NULL,
    signature BIT(512) NOT NULL
);

-- Filled before its key and reference are added, which then check every
-- row at once: row by row, ten million matters took minutes more.
INSERT INTO matter_signature (matter_id, street, signature)
SELECT s.matter_id, substr(m.grid_code, 1, 9), term_signature(s.terms)
FROM matter_search s JOIN matter m ON m.matter_id = s.matter_id;

ALTER TABLE matter_signature
    ADD CONSTRAINT matter_signature_pkey PRIMARY KEY (matter_id),
    ADD CONSTRAINT matter_signature_search_fk FOREIGN KEY (matter_id)
        REFERENCES matter_search (matter_id) ON DELETE CASCADE;

CREATE INDEX matter_signature_street_idx ON matter_signature (street, matter_id) INCLUDE (signature);

-- Read from the index alone only on pages vacuum has marked all-visible;
-- see 0037.
ALTER TABLE matter_signature SET (
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_vacuum_scale_factor = 0.01
);

-- The signature follows the terms wherever they are written (a new
-- matter, a hidden description), so no writer can forget it. A matter's
-- grid, and so its street, never changes.
CREATE FUNCTION matter_signature_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO matter_signature (matter_id, street, signature)
    SELECT t.matter_id, substr(m.grid_code, 1, 9), term_signature(t.terms)
    FROM written_terms t JOIN matter m ON m.matter_id = t.matter_id
    ON CONFLICT (matter_id) DO UPDATE SET signature = EXCLUDED.signature;
    RETURN NULL;
END;
$$;
-- A trigger with a transition table answers one kind of statement.
CREATE TRIGGER matter_search_inserted AFTER INSERT ON matter_search
    REFERENCING NEW TABLE AS written_terms
    FOR EACH STATEMENT EXECUTE FUNCTION matter_signature_follow();
CREATE TRIGGER matter_search_updated AFTER UPDATE ON matter_search
    REFERENCING NEW TABLE AS written_terms
    FOR EACH STATEMENT EXECUTE FUNCTION matter_signature_follow();

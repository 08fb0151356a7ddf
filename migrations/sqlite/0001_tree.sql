-- The administrative tree: city > district > street > community > grid > micro-grid.
-- Ids are assigned by the importer (the demo seed or a city's own data), codes
-- are the public identity and unique at every level.

CREATE TABLE city (
    city_id     INTEGER PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE district (
    district_id INTEGER PRIMARY KEY,
    city_id     INTEGER NOT NULL CONSTRAINT district_city_fk REFERENCES city (city_id),
    code        TEXT NOT NULL CONSTRAINT district_code_key UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT district_code_check CHECK (length(code) = 6)
);
CREATE INDEX district_city_idx ON district (city_id);

CREATE TABLE street (
    street_id   INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL CONSTRAINT street_district_fk REFERENCES district (district_id),
    code        TEXT NOT NULL CONSTRAINT street_code_key UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT street_code_check CHECK (length(code) = 9)
);
CREATE INDEX street_district_idx ON street (district_id);

CREATE TABLE community (
    community_id INTEGER PRIMARY KEY,
    street_id    INTEGER NOT NULL CONSTRAINT community_street_fk REFERENCES street (street_id),
    code         TEXT NOT NULL CONSTRAINT community_code_key UNIQUE,
    name_zh      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    households   INTEGER NOT NULL CONSTRAINT community_households_check CHECK (households >= 0),
    population   INTEGER NOT NULL CONSTRAINT community_population_check CHECK (population >= 0),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT community_code_check CHECK (length(code) = 17)
);
CREATE INDEX community_street_idx ON community (street_id);

CREATE TABLE grid (
    grid_id      INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL CONSTRAINT grid_community_fk REFERENCES community (community_id),
    code         TEXT NOT NULL CONSTRAINT grid_code_key UNIQUE,
    name_zh      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    kind         TEXT NOT NULL CONSTRAINT grid_kind_check
                 CHECK (kind IN ('residential', 'office_tower', 'market', 'construction_site')),
    households   INTEGER NOT NULL CONSTRAINT grid_households_check CHECK (households >= 0),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT grid_code_check CHECK (length(code) = 20)
);
CREATE INDEX grid_community_idx ON grid (community_id);

CREATE TABLE micro_grid (
    micro_grid_id INTEGER PRIMARY KEY,
    grid_id       INTEGER NOT NULL CONSTRAINT micro_grid_grid_fk REFERENCES grid (grid_id),
    code          TEXT NOT NULL CONSTRAINT micro_grid_code_key UNIQUE,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    households    INTEGER NOT NULL CONSTRAINT micro_grid_households_check CHECK (households >= 0),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT micro_grid_code_check CHECK (length(code) = 22)
);
CREATE INDEX micro_grid_grid_idx ON micro_grid (grid_id);

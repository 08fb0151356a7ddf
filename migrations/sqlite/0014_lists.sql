-- The needs, resources and responsibilities lists (需求、资源、责任清单);
-- projects (the fourth list) name the need they meet and the resources
-- they use. A need's status is read from its projects, never stored.

CREATE TABLE need (
    need_id         INTEGER PRIMARY KEY,
    community_code  TEXT NOT NULL CONSTRAINT need_community_fk REFERENCES community (code),
    title           TEXT NOT NULL,
    detail          TEXT NOT NULL,
    category        TEXT NOT NULL CONSTRAINT need_category_check CHECK (category IN (
                        'elderly', 'children', 'disability', 'environment', 'facilities',
                        'safety', 'culture', 'employment', 'other')),
    affected        BIGINT NOT NULL CONSTRAINT need_affected_check CHECK (affected > 0),
    source_kind     TEXT NOT NULL CONSTRAINT need_source_kind_check CHECK (source_kind IN ('staff', 'matter', 'deliberation')),
    matter_id       BIGINT CONSTRAINT need_matter_fk REFERENCES matter (matter_id),
    deliberation_id BIGINT CONSTRAINT need_deliberation_fk REFERENCES deliberation (deliberation_id),
    -- Lower-cased title and detail, for the list's search box.
    search_text     TEXT NOT NULL,
    created_by      BIGINT NOT NULL CONSTRAINT need_created_by_fk REFERENCES account (account_id),
    created_at      BIGINT NOT NULL,
    CONSTRAINT need_source_check CHECK (
        (source_kind = 'staff' AND matter_id IS NULL AND deliberation_id IS NULL)
        OR (source_kind = 'matter' AND matter_id IS NOT NULL AND deliberation_id IS NULL)
        OR (source_kind = 'deliberation' AND deliberation_id IS NOT NULL AND matter_id IS NULL))
);
CREATE INDEX need_community_idx ON need (community_code, need_id);
CREATE INDEX need_matter_idx ON need (matter_id) WHERE matter_id IS NOT NULL;
CREATE INDEX need_deliberation_idx ON need (deliberation_id) WHERE deliberation_id IS NOT NULL;

CREATE TABLE resource (
    resource_id     INTEGER PRIMARY KEY,
    community_code  TEXT NOT NULL CONSTRAINT resource_community_fk REFERENCES community (code),
    kind            TEXT NOT NULL CONSTRAINT resource_kind_check CHECK (kind IN ('venue', 'service', 'volunteers', 'organisation', 'fund')),
    name            TEXT NOT NULL,
    detail          TEXT NOT NULL,
    owner           TEXT NOT NULL,
    -- How staff reach the owner: never in a public read model.
    contact         TEXT NOT NULL,
    area_m2         BIGINT,
    opening_hours   TEXT,
    accessible      BOOLEAN,
    bookable        BOOLEAN,
    members         BIGINT,
    organisation_id BIGINT CONSTRAINT resource_organisation_fk REFERENCES organisation (organisation_id),
    amount          BIGINT,
    search_text     TEXT NOT NULL,
    created_by      BIGINT NOT NULL CONSTRAINT resource_created_by_fk REFERENCES account (account_id),
    created_at      BIGINT NOT NULL,
    CONSTRAINT resource_venue_check CHECK (kind <> 'venue' OR (area_m2 > 0 AND opening_hours IS NOT NULL AND accessible IS NOT NULL AND bookable IS NOT NULL)),
    CONSTRAINT resource_volunteers_check CHECK (kind <> 'volunteers' OR members > 0),
    CONSTRAINT resource_fund_check CHECK (kind <> 'fund' OR amount > 0)
);
CREATE INDEX resource_community_idx ON resource (community_code, resource_id);
CREATE INDEX resource_kind_idx ON resource (kind, resource_id);

CREATE TABLE responsibility (
    responsibility_id INTEGER PRIMARY KEY,
    community_code  TEXT NOT NULL CONSTRAINT responsibility_community_fk REFERENCES community (code),
    duty            TEXT NOT NULL CONSTRAINT responsibility_duty_check CHECK (duty IN (
                        'grid_leader', 'grid_worker', 'police', 'building_head', 'item_lead')),
    grid_code       TEXT CONSTRAINT responsibility_grid_fk REFERENCES grid (code),
    list_item_id    BIGINT CONSTRAINT responsibility_item_fk REFERENCES list_item (list_item_id),
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL,
    created_by      BIGINT CONSTRAINT responsibility_created_by_fk REFERENCES account (account_id),
    created_at      BIGINT NOT NULL,
    CONSTRAINT responsibility_subject_check CHECK (
        (duty = 'item_lead' AND list_item_id IS NOT NULL AND grid_code IS NULL)
        OR (duty <> 'item_lead' AND grid_code IS NOT NULL AND list_item_id IS NULL))
);
CREATE INDEX responsibility_community_idx ON responsibility (community_code, responsibility_id);

ALTER TABLE project ADD COLUMN need_id BIGINT CONSTRAINT project_need_fk REFERENCES need (need_id);
CREATE INDEX project_need_idx ON project (need_id) WHERE need_id IS NOT NULL;

CREATE TABLE project_resource (
    project_id      BIGINT NOT NULL CONSTRAINT project_resource_project_fk REFERENCES project (project_id),
    resource_id     BIGINT NOT NULL CONSTRAINT project_resource_resource_fk REFERENCES resource (resource_id),
    CONSTRAINT project_resource_pkey PRIMARY KEY (project_id, resource_id)
);
CREATE INDEX project_resource_resource_idx ON project_resource (resource_id);

-- Resident matters: categories, the matters themselves, their public
-- timeline and who supports them. Community and grid are kept as codes,
-- so a street's or district's matters are a prefix range of an index.

CREATE TABLE matter_category (
    category_code TEXT PRIMARY KEY,
    group_code    TEXT NOT NULL,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    sort_order    INTEGER NOT NULL
);

INSERT INTO matter_category (category_code, group_code, name_zh, name_en, sort_order) VALUES
    ('public_facilities',   'infrastructure', '公共设施损坏', 'Broken public facilities', 1),
    ('road_lighting',       'infrastructure', '道路与照明',   'Roads and street lights', 2),
    ('water_power',         'infrastructure', '水电气暖',     'Water, power, gas and heating', 3),
    ('sanitation',          'environment',    '环境卫生',     'Sanitation and rubbish', 4),
    ('greenery',            'environment',    '绿化养护',     'Greenery and trees', 5),
    ('noise',               'environment',    '噪音扰民',     'Noise', 6),
    ('safety_hazard',       'safety',         '安全隐患',     'Safety hazards', 7),
    ('fire_lane',           'safety',         '消防通道堵塞', 'Blocked fire lanes', 8),
    ('parking',             'neighbourhood',  '停车管理',     'Parking', 9),
    ('neighbour_dispute',   'neighbourhood',  '邻里纠纷',     'Neighbour disputes', 10),
    ('property_management', 'neighbourhood',  '物业管理',     'Property management', 11),
    ('elderly_care',        'services',       '养老助老',     'Elderly care', 12),
    ('other',               'services',       '其他',         'Other', 13);

CREATE TABLE matter (
    matter_id          INTEGER PRIMARY KEY,
    community_code     TEXT NOT NULL CONSTRAINT matter_community_fk REFERENCES community (code),
    grid_code          TEXT NOT NULL CONSTRAINT matter_grid_fk REFERENCES grid (code),
    category_code      TEXT NOT NULL CONSTRAINT matter_category_fk REFERENCES matter_category (category_code),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    address            TEXT,
    latitude           REAL,
    longitude          REAL,
    reporter_id        BIGINT NOT NULL CONSTRAINT matter_reporter_fk REFERENCES account (account_id),
    show_name          INTEGER NOT NULL CONSTRAINT matter_show_name_check CHECK (show_name IN (0, 1)),
    state              TEXT NOT NULL CONSTRAINT matter_state_check CHECK (state IN (
                           'submitted', 'registered', 'rejected', 'merged', 'referred',
                           'dispatched', 'in_progress', 'resolved', 'closed')),
    severity           TEXT CONSTRAINT matter_severity_check CHECK (severity IN ('minor', 'general', 'larger', 'major')),
    level              TEXT NOT NULL CONSTRAINT matter_level_check CHECK (level IN ('community', 'street', 'district')),
    deadline_at        BIGINT,
    overdue            INTEGER NOT NULL DEFAULT 0 CONSTRAINT matter_overdue_check CHECK (overdue IN (0, 1)),
    handler_id         BIGINT CONSTRAINT matter_handler_fk REFERENCES account (account_id),
    handler_team       TEXT,
    merged_into        BIGINT CONSTRAINT matter_merged_into_fk REFERENCES matter (matter_id),
    referred_to        TEXT,
    rating             INTEGER CONSTRAINT matter_rating_check CHECK (rating BETWEEN 1 AND 5),
    rating_comment     TEXT,
    support_count      INTEGER NOT NULL DEFAULT 0,
    idempotency_key    TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    resolved_at        BIGINT,
    closed_at          BIGINT,
    version            INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT matter_idempotency_key UNIQUE (reporter_id, idempotency_key)
);
CREATE INDEX matter_community_idx ON matter (community_code, matter_id);
CREATE INDEX matter_grid_idx ON matter (grid_code, state, deadline_at);
CREATE INDEX matter_deadline_idx ON matter (state, deadline_at);
CREATE INDEX matter_reporter_idx ON matter (reporter_id, matter_id);

CREATE TABLE matter_event (
    matter_event_id INTEGER PRIMARY KEY,
    matter_id       BIGINT NOT NULL CONSTRAINT matter_event_matter_fk REFERENCES matter (matter_id),
    kind            TEXT NOT NULL,
    actor_id        BIGINT CONSTRAINT matter_event_actor_fk REFERENCES account (account_id),
    state_after     TEXT NOT NULL,
    note            TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX matter_event_matter_idx ON matter_event (matter_id, matter_event_id);

CREATE TABLE matter_support (
    matter_id  BIGINT NOT NULL CONSTRAINT matter_support_matter_fk REFERENCES matter (matter_id),
    account_id BIGINT NOT NULL CONSTRAINT matter_support_account_fk REFERENCES account (account_id),
    created_at BIGINT NOT NULL,
    CONSTRAINT matter_support_pkey PRIMARY KEY (matter_id, account_id)
);

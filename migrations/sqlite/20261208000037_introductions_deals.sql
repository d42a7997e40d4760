-- Introductions and deal outcomes (SQLite). From a match, either side asks to be put in touch
-- with the other: a short message; the other side accepts (the two then see each other's contact
-- details and share a conversation) or declines with a reason. Either side moves an accepted
-- introduction on: met, then deal or no deal.

CREATE TABLE introductions (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    offer_id        INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    -- who asked, and the member they asked: the poster of the other listing
    from_user       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_user         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'accepted', 'declined', 'met', 'deal', 'no_deal')),
    decline_reason  TEXT CHECK (decline_reason IN ('not_available', 'not_a_fit', 'price', 'timing', 'other')),
    conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (request_id, offer_id)
);
CREATE INDEX introductions_from ON introductions (from_user, created_at);
CREATE INDEX introductions_to ON introductions (to_user, created_at);

-- What an introduction (or an auction) ended in, as one party recorded it. It counts in the
-- exchange's public figures once the other party confirmed it; neither is named unless both
-- agreed.
CREATE TABLE deal_outcomes (
    id              INTEGER PRIMARY KEY,
    introduction_id INTEGER UNIQUE REFERENCES introductions (id) ON DELETE CASCADE,
    auction_id      INTEGER UNIQUE REFERENCES auctions (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('purchase', 'licence', 'transfer', 'joint_venture')),
    value_vnd       INTEGER NOT NULL CHECK (value_vnd BETWEEN 1 AND 10000000000000),
    -- the day it was agreed, in days since 1970-01-01 (Vietnam time)
    deal_day        INTEGER NOT NULL,
    sector_code     TEXT NOT NULL,
    province_code   TEXT NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    other_party     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    confirmed_at    INTEGER,
    named_by_recorder INTEGER NOT NULL DEFAULT 0,
    named_by_other  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    CHECK ((introduction_id IS NULL) <> (auction_id IS NULL))
);
CREATE INDEX deal_outcomes_confirmed ON deal_outcomes (deal_day) WHERE confirmed_at IS NOT NULL;

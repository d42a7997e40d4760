-- Search that finds what people mean, and matches between offers and requests (SQLite).
--
-- `listings_fts_terms` reads, for each folded word, how many published titles hold it (FTS5's
-- own vocabulary, nothing stored): rarer words weigh more in the ranking, and a word no title
-- holds is looked for one typo away.
--
-- `search_synonyms` holds the sets of words and folk names a search widens to ("drone = flycam =
-- máy bay không người lái phun thuốc"), one set per row, edited by moderators.
CREATE VIRTUAL TABLE listings_fts_terms USING fts5vocab(listings_fts, col);

CREATE TABLE search_synonyms (
    id         INTEGER PRIMARY KEY,
    phrases    TEXT    NOT NULL CHECK (length(phrases) BETWEEN 3 AND 500),
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);

INSERT INTO search_synonyms (phrases, updated_at) VALUES
    ('drone = flycam = máy bay không người lái = máy bay phun thuốc', 0),
    ('bơm = máy bơm', 0),
    ('tưới = tưới tiêu = thủy lợi', 0),
    ('lò sấy = máy sấy', 0),
    ('thiết bị y tế = vật tư y tế = dụng cụ y tế', 0),
    ('năng lượng mặt trời = điện mặt trời = pin mặt trời = solar', 0),
    ('iot = internet vạn vật', 0),
    ('xử lý nước thải = xử lý nước', 0),
    ('kho lạnh = kho mát = kho đông', 0),
    ('máy cày = máy kéo', 0),
    ('máy gặt = máy gặt đập liên hợp = máy cắt lúa', 0),
    ('ao nuôi = ao tôm = ao cá', 0),
    ('quạt nước = máy sục khí = quạt sục khí', 0);

-- Matches a member judged not relevant to one of the listings they look at: hidden from that
-- listing's list for them, with the reason they gave.
CREATE TABLE hidden_matches (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    match_id   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (reason IN ('not_relevant', 'too_far', 'price', 'already_known')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, listing_id, match_id)
);

-- The newest published listings of one kind, sector and type: the matches found beside the
-- words.
CREATE INDEX listings_match ON listings (kind, sector_code, listing_type, created_at)
    WHERE status = 'published';

-- Listings posted by members: every field of an offer or request, and its life from draft to
-- closed (SQLite).

ALTER TABLE listings ADD COLUMN owner_id INTEGER REFERENCES users (id);
ALTER TABLE listings ADD COLUMN seller_email TEXT;
ALTER TABLE listings ADD COLUMN budget_min_vnd INTEGER CHECK (budget_min_vnd IS NULL OR budget_min_vnd >= 0);
ALTER TABLE listings ADD COLUMN budget_max_vnd INTEGER CHECK (budget_max_vnd IS NULL OR budget_max_vnd >= 0);
ALTER TABLE listings ADD COLUMN quantity INTEGER CHECK (quantity IS NULL OR quantity > 0);
ALTER TABLE listings ADD COLUMN unit TEXT NOT NULL DEFAULT '';
-- '' (not said), 'new', 'used'
ALTER TABLE listings ADD COLUMN item_condition TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN origin_country TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN manufacturer TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN warranty TEXT NOT NULL DEFAULT '';
-- technology readiness level, 1–9
ALTER TABLE listings ADD COLUMN trl INTEGER CHECK (trl IS NULL OR trl BETWEEN 1 AND 9);
-- '', 'none', 'patent', 'utility_solution', 'industrial_design', 'trade_secret'
ALTER TABLE listings ADD COLUMN ip_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN ip_number TEXT NOT NULL DEFAULT '';
-- comma-separated, as shown
ALTER TABLE listings ADD COLUMN certifications TEXT NOT NULL DEFAULT '';
-- comma-separated codes: sale, licence, joint_venture, consulting
ALTER TABLE listings ADD COLUMN transfer_modes TEXT NOT NULL DEFAULT '';
-- last instant it is shown (ms); a background task expires it then
ALTER TABLE listings ADD COLUMN expires_at INTEGER;
-- the day the poster chose to end it, if they did (days since 1970-01-01, Vietnam time)
ALTER TABLE listings ADD COLUMN expires_on_day INTEGER;
ALTER TABLE listings ADD COLUMN published_at INTEGER;
ALTER TABLE listings ADD COLUMN updated_at INTEGER;
ALTER TABLE listings ADD COLUMN rejection_reason TEXT;
ALTER TABLE listings ADD COLUMN reviewed_by INTEGER REFERENCES users (id);
ALTER TABLE listings ADD COLUMN reviewed_at INTEGER;
-- why a closed listing closed: 'sold' or 'withdrawn'
ALTER TABLE listings ADD COLUMN close_reason TEXT;

CREATE INDEX listings_owner ON listings (owner_id, created_at);
CREATE INDEX listings_expiry ON listings (status, expires_at);

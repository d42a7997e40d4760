-- Finding stalls in the directory. As for listings, the server stores the folded words
-- (lowercase, no Vietnamese diacritics, đ → d) so "co khi tay do" finds "Cơ khí Tây Đô" the same
-- way on both engines; a few thousand stalls at most need no full-text index.

-- the name's words
ALTER TABLE stalls ADD COLUMN fold_name TEXT NOT NULL DEFAULT '';
-- description, address and certifications
ALTER TABLE stalls ADD COLUMN fold_body TEXT NOT NULL DEFAULT '';

CREATE INDEX stalls_directory ON stalls (status, sector_code, province_code);

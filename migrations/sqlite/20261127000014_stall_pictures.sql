-- A stall's logo and cover picture: object-store keys of re-encoded JPEGs (the logo at most 480
-- px on its longest side, the cover at most 1600 px), or none.

ALTER TABLE stalls ADD COLUMN logo_key TEXT;
ALTER TABLE stalls ADD COLUMN cover_key TEXT;

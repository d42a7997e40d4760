-- A stall works in its main sector and up to four more: their codes, comma-separated, in the
-- order the stall gave them. The directory's sector filter looks at both.
ALTER TABLE stalls ADD COLUMN other_sectors TEXT NOT NULL DEFAULT '';

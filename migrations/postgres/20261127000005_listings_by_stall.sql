-- A stall's page lists its published offers newest first: index the order too, so the query
-- reads the stall's rows in order instead of scanning every published offer (postgres).
DROP INDEX listings_stall;
CREATE INDEX listings_stall ON listings (stall_id, status, kind, created_at);

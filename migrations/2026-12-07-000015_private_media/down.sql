DROP INDEX media_owner_idx;
ALTER TABLE media DROP CONSTRAINT media_private_has_owner;
ALTER TABLE media DROP COLUMN visibility;
ALTER TABLE media DROP COLUMN owner_id;

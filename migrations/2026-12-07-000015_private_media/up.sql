-- Media independent of products: every stored image has an owner (NULL: the shop's own, such as
-- product pictures) and a visibility. Private media (a user's photos and styled results) live
-- in their own folder and are served only through signed, expiring URLs.
ALTER TABLE media ADD COLUMN owner_id UUID REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE media ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('public', 'private'));
ALTER TABLE media ADD CONSTRAINT media_private_has_owner
    CHECK (visibility = 'public' OR owner_id IS NOT NULL);
CREATE INDEX media_owner_idx ON media (owner_id, created_at) WHERE owner_id IS NOT NULL;

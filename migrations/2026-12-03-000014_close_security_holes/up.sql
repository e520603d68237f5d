-- Security review (issue 15): a token that cancels a pending email change from the old
-- address, the outbox forgetting delivered bodies after a retention period, and stock holds
-- counted per client so one client cannot hold the whole shop.
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'cancel_email_change'));

-- When a sent message's bodies were blanked (they held live links).
ALTER TABLE emails ADD COLUMN purged_at TIMESTAMPTZ;
CREATE INDEX emails_purge_idx ON emails (sent_at) WHERE status = 'sent' AND purged_at IS NULL;

-- The client (IP, or IPv6 /64) whose checkout took the hold.
ALTER TABLE stock_holds ADD COLUMN client_key TEXT NOT NULL DEFAULT '';
CREATE INDEX stock_holds_client_idx ON stock_holds (client_key);

-- Where the order that used a coupon was delivered (normalised street, postcode and country):
-- a guest can type a new email for every order, not a new home.
ALTER TABLE coupon_uses ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
CREATE INDEX coupon_uses_address_idx ON coupon_uses (coupon_id, address_key);

DROP INDEX coupon_uses_address_idx;
ALTER TABLE coupon_uses DROP COLUMN address_key;
DROP INDEX stock_holds_client_idx;
ALTER TABLE stock_holds DROP COLUMN client_key;
DROP INDEX emails_purge_idx;
ALTER TABLE emails DROP COLUMN purged_at;
DELETE FROM account_tokens WHERE purpose = 'cancel_email_change';
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password'));

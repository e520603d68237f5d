-- People with an account: shoppers, studio users, dashboard clients and staff.
CREATE TABLE users (
    id                UUID PRIMARY KEY,
    email             TEXT NOT NULL,
    display_name      TEXT NOT NULL,
    password_hash     TEXT NOT NULL,
    role              TEXT NOT NULL DEFAULT 'customer'
                      CHECK (role IN ('customer', 'staff', 'admin')),
    plan              TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'premium')),
    style_preferences JSONB NOT NULL DEFAULT '{}'::jsonb,
    size_profile      JSONB NOT NULL DEFAULT '{}'::jsonb,
    email_verified_at TIMESTAMPTZ,
    disabled_at       TIMESTAMPTZ,
    last_login_at     TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Email addresses are unique whatever their case.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_created_at_idx ON users (created_at DESC);
SELECT diesel_manage_updated_at('users');

-- Sessions of one user, found fast to sign them all out (password reset, disable).
CREATE INDEX sessions_user_id_idx ON sessions ((data ->> 'user_id'));

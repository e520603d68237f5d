-- Sign-in with Google or GitHub (issue 19 part 9): each provider's account linked to one of
-- ours, by the provider's stable id (never by the address, which can change there).
CREATE TABLE user_identities (
    provider TEXT NOT NULL CHECK (provider IN ('google', 'github')),
    subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The address the provider gave when linked (for staff to read; sign-in uses the subject).
    email TEXT NOT NULL CHECK (length(email) <= 254),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject),
    -- One account of each provider per person.
    UNIQUE (user_id, provider)
);

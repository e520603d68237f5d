-- The contact form (issue 19 part 7): each message is stored, then an acknowledgement to the
-- sender and a notice to the staff inbox go through the outbox. The message's status follows
-- its staff notice's delivery (pending, sent, failed with the error, sent_at), as the seed did.
CREATE TABLE contact_messages (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    message TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    error_message TEXT,
    sent_at TIMESTAMPTZ,
    notice_email_id UUID REFERENCES emails (id) ON DELETE SET NULL,
    handled_at TIMESTAMPTZ,
    handled_by UUID REFERENCES users (id) ON DELETE SET NULL,
    replied_at TIMESTAMPTZ,
    client_ip TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX contact_messages_status_idx ON contact_messages (status, created_at DESC);
CREATE INDEX contact_messages_open_idx ON contact_messages (created_at DESC) WHERE handled_at IS NULL;
CREATE INDEX contact_messages_notice_idx ON contact_messages (notice_email_id);

-- Which contact message an outgoing mail belongs to (acknowledgement, notice, reply), so staff
-- see every delivery attempt of a message.
ALTER TABLE emails
    ADD COLUMN contact_message_id UUID REFERENCES contact_messages (id) ON DELETE CASCADE;
CREATE INDEX emails_contact_message_idx ON emails (contact_message_id)
    WHERE contact_message_id IS NOT NULL;

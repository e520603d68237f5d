ALTER TABLE emails DROP COLUMN contact_message_id;
DROP TABLE contact_messages;

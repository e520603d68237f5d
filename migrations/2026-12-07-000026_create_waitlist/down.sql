DROP TABLE waitlist_entries;
DROP TABLE waitlist_invite_runs;

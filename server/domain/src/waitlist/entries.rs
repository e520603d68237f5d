//! Waitlist entries: joining (the same answer whether or not the address is listed; the mail
//! differs, and only its owner reads it), confirming by the mailed link, and the staff's
//! search and export.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{Interest, WaitlistError};
use crate::accounts::queries::lower;
use crate::db::like_pattern;
use crate::db::schema::waitlist_entries;
use crate::email::{outbox, waitlist_templates};
use crate::link_token::{digest, new_secret};

/// How long a confirmation link works.
pub const CONFIRM_LIFETIME: Duration = Duration::days(7);

/// A sign-up as typed (already checked field by field).
#[derive(Debug, Clone, Copy)]
pub struct NewEntry<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub company: &'a str,
    pub role: &'a str,
    pub interest: Interest,
}

/// What joining did; the page says the same for each, the mail differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joined {
    /// A new entry; the confirmation link is on its way.
    Added,
    /// Listed but not confirmed: the details were updated and a fresh link sent.
    LinkSentAgain,
    /// Already confirmed: the owner is told so by mail.
    AlreadyConfirmed,
}

/// One entry.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = waitlist_entries, check_for_backend(diesel::pg::Pg))]
pub struct Entry {
    pub id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub role: String,
    pub interest: String,
    pub confirmed_at: Option<OffsetDateTime>,
    pub notified: bool,
    pub notified_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

impl Entry {
    /// `unconfirmed`, `waiting` (confirmed, not yet invited) or `notified`.
    pub fn state(&self) -> State {
        if self.notified {
            State::Notified
        } else if self.confirmed_at.is_some() {
            State::Waiting
        } else {
            State::Unconfirmed
        }
    }
}

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Unconfirmed,
    Waiting,
    Notified,
}

impl State {
    pub const ALL: [State; 3] = [State::Unconfirmed, State::Waiting, State::Notified];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Unconfirmed => "unconfirmed",
            State::Waiting => "waiting",
            State::Notified => "notified",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Adds `new` to the list, or answers a listed address by mail (see [`Joined`]); the
/// confirmation link is `{base_url}/waitlist/confirm/{secret}`.
pub async fn join(
    conn: &mut AsyncPgConnection,
    new: &NewEntry<'_>,
    base_url: &str,
) -> Result<Joined, WaitlistError> {
    let secret = new_secret();
    let link = format!(
        "{}/waitlist/confirm/{secret}",
        base_url.trim_end_matches('/')
    );
    let confirm = waitlist_templates::confirm(new.email, new.first_name, &link)?;
    conn.transaction(async |conn| {
        let added = diesel::insert_into(waitlist_entries::table)
            .values((
                waitlist_entries::id.eq(Uuid::now_v7()),
                waitlist_entries::email.eq(new.email),
                waitlist_entries::first_name.eq(new.first_name),
                waitlist_entries::last_name.eq(new.last_name),
                waitlist_entries::company.eq(new.company),
                waitlist_entries::role.eq(new.role),
                waitlist_entries::interest.eq(new.interest.as_str()),
                waitlist_entries::confirm_token_hash.eq(digest(&secret)),
            ))
            .on_conflict_do_nothing()
            .execute(conn)
            .await?;
        if added == 1 {
            outbox::queue_email(conn, &confirm).await?;
            return Ok(Joined::Added);
        }
        let listed: Entry = waitlist_entries::table
            .filter(lower(waitlist_entries::email).eq(new.email.to_lowercase()))
            .select(Entry::as_select())
            .for_update()
            .first(conn)
            .await?;
        if listed.confirmed_at.is_some() {
            let note = waitlist_templates::already_listed(&listed.email, &listed.first_name)?;
            outbox::queue_email(conn, &note).await?;
            return Ok(Joined::AlreadyConfirmed);
        }
        diesel::update(waitlist_entries::table.find(listed.id))
            .set((
                waitlist_entries::first_name.eq(new.first_name),
                waitlist_entries::last_name.eq(new.last_name),
                waitlist_entries::company.eq(new.company),
                waitlist_entries::role.eq(new.role),
                waitlist_entries::interest.eq(new.interest.as_str()),
                waitlist_entries::confirm_token_hash.eq(digest(&secret)),
                waitlist_entries::confirm_sent_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        let again = waitlist_templates::confirm(&listed.email, new.first_name, &link)?;
        outbox::queue_email(conn, &again).await?;
        Ok(Joined::LinkSentAgain)
    })
    .await
}

/// Why a confirmation link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConfirmError {
    #[error(
        "This link is not valid. It may have been replaced by a newer one: use the latest email."
    )]
    Invalid,
    #[error("This link has expired. Join the waitlist again for a fresh one.")]
    Expired,
}

/// Confirms the entry of link secret `secret` (once; the secret is then forgotten).
pub async fn confirm(
    conn: &mut AsyncPgConnection,
    secret: &str,
) -> Result<Result<Entry, ConfirmError>, WaitlistError> {
    let hash = digest(secret.trim());
    let found: Option<(Entry, OffsetDateTime)> = waitlist_entries::table
        .filter(waitlist_entries::confirm_token_hash.eq(&hash))
        .select((Entry::as_select(), waitlist_entries::confirm_sent_at))
        .first(conn)
        .await
        .optional()?;
    let Some((entry, sent_at)) = found else {
        return Ok(Err(ConfirmError::Invalid));
    };
    if OffsetDateTime::now_utc() - sent_at > CONFIRM_LIFETIME {
        return Ok(Err(ConfirmError::Expired));
    }
    let confirmed: Option<Entry> = diesel::update(
        waitlist_entries::table
            .find(entry.id)
            .filter(waitlist_entries::confirm_token_hash.eq(&hash)),
    )
    .set((
        waitlist_entries::confirmed_at
            .eq(entry.confirmed_at.unwrap_or_else(OffsetDateTime::now_utc)),
        waitlist_entries::confirm_token_hash.eq(None::<Vec<u8>>),
    ))
    .returning(Entry::as_returning())
    .get_result(conn)
    .await
    .optional()?;
    Ok(confirmed.ok_or(ConfirmError::Invalid))
}

/// Which entries a staff list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the address, a name or the company (any case).
    pub search: String,
    pub state: Option<State>,
}

fn filtered(filter: &Filter) -> waitlist_entries::BoxedQuery<'static, diesel::pg::Pg> {
    let mut query = waitlist_entries::table.into_boxed();
    let search = filter.search.trim();
    if !search.is_empty() {
        let pattern = like_pattern(search);
        query = query.filter(
            waitlist_entries::email
                .ilike(pattern.clone())
                .or(waitlist_entries::first_name.ilike(pattern.clone()))
                .or(waitlist_entries::last_name.ilike(pattern.clone()))
                .or(waitlist_entries::company.ilike(pattern)),
        );
    }
    match filter.state {
        Some(State::Unconfirmed) => query = query.filter(waitlist_entries::confirmed_at.is_null()),
        Some(State::Waiting) => {
            query = query
                .filter(waitlist_entries::confirmed_at.is_not_null())
                .filter(waitlist_entries::notified.eq(false));
        }
        Some(State::Notified) => query = query.filter(waitlist_entries::notified.eq(true)),
        None => {}
    }
    query
}

/// Entries matching `filter`, newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<Entry>> {
    filtered(filter)
        .select(Entry::as_select())
        .order((
            waitlist_entries::created_at.desc(),
            waitlist_entries::id.desc(),
        ))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

/// The next `limit` entries matching `filter` after `after` (oldest first, by creation and
/// id): the pages a streamed export reads one after another.
pub async fn export_page(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<(OffsetDateTime, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Entry>> {
    let mut query = filtered(filter).select(Entry::as_select());
    if let Some((at, id)) = after {
        query = query.filter(
            waitlist_entries::created_at
                .gt(at)
                .or(waitlist_entries::created_at
                    .eq(at)
                    .and(waitlist_entries::id.gt(id))),
        );
    }
    query
        .order((
            waitlist_entries::created_at.asc(),
            waitlist_entries::id.asc(),
        ))
        .limit(limit)
        .load(conn)
        .await
}

/// How many entries are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, QueryableByName)]
pub struct Counts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub unconfirmed: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub waiting: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub notified: i64,
}

/// The entries per state (one scan).
pub async fn counts(conn: &mut AsyncPgConnection) -> QueryResult<Counts> {
    diesel::sql_query(
        "SELECT count(*) FILTER (WHERE NOT notified AND confirmed_at IS NULL) AS unconfirmed, \
                count(*) FILTER (WHERE NOT notified AND confirmed_at IS NOT NULL) AS waiting, \
                count(*) FILTER (WHERE notified) AS notified \
         FROM waitlist_entries",
    )
    .get_result(conn)
    .await
}

//! A project's files: what the client and the agency share on a project (briefs, exports,
//! slides). Everyone who sees the project lists and downloads them; staff and the client's
//! admins upload; the uploader or staff remove. A file is kept in the database with its row
//! (up to [`MAX_BYTES`]), so it is backed up, removed and isolated with its project and never
//! left behind on a disk. Only known kinds are taken, each checked by its first bytes, and
//! downloads are always attachments: nothing uploaded is ever shown as a page of ours.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::project;
use super::tasks::audit_and_touch;
use crate::audit::Entry;
use crate::db::schema::{project_files, users};

/// The largest file taken, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The kinds taken: extension, content type, and how the contents begin.
const KINDS: [(&str, &str, Magic); 14] = [
    ("pdf", "application/pdf", Magic::Prefix(b"%PDF-")),
    ("png", "image/png", Magic::Prefix(b"\x89PNG\r\n\x1a\n")),
    ("jpg", "image/jpeg", Magic::Prefix(b"\xff\xd8\xff")),
    ("jpeg", "image/jpeg", Magic::Prefix(b"\xff\xd8\xff")),
    ("gif", "image/gif", Magic::Prefix(b"GIF8")),
    ("webp", "image/webp", Magic::Webp),
    ("csv", "text/csv; charset=utf-8", Magic::Text),
    ("txt", "text/plain; charset=utf-8", Magic::Text),
    ("md", "text/markdown; charset=utf-8", Magic::Text),
    ("json", "application/json", Magic::Text),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Magic::Zip,
    ),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Magic::Zip,
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        Magic::Zip,
    ),
    ("zip", "application/zip", Magic::Zip),
];

/// How a kind's contents begin.
#[derive(Clone, Copy)]
enum Magic {
    Prefix(&'static [u8]),
    Webp,
    Zip,
    /// UTF-8 text without NUL bytes.
    Text,
}

impl Magic {
    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Self::Prefix(p) => bytes.starts_with(p),
            Self::Webp => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
            Self::Zip => bytes.starts_with(b"PK\x03\x04"),
            Self::Text => !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok(),
        }
    }
}

/// The kinds taken, as the upload form lists them.
pub fn accepted() -> String {
    KINDS
        .iter()
        .map(|(ext, _, _)| format!(".{ext}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A file name as sent, made safe to keep and to give back: its last path part, without
/// control characters or quotes, at most 200 characters. `None`: nothing left.
pub fn clean_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    let cleaned: String = cleaned
        .chars()
        .rev()
        .take(200)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The content type of a file named `name` with these contents, or why it is refused.
pub fn check(name: &str, bytes: &[u8]) -> Result<&'static str, ProjectError> {
    if bytes.is_empty() {
        return Err(field("file", "Choose a file to share."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(field("file", "A file can be 10 MB at most."));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((_, content_type, magic)) = KINDS.iter().find(|(e, _, _)| *e == ext) else {
        return Err(field(
            "file",
            "Share PDF, images, spreadsheets, documents, slides, text, CSV, JSON or ZIP files.",
        ));
    };
    if !magic.matches(bytes) {
        return Err(field(
            "file",
            format!("This file's contents are not those of a .{ext} file."),
        ));
    }
    Ok(content_type)
}

/// One file as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFile {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub size_bytes: i32,
    /// Who shared it (`None` once their account is gone).
    pub uploaded_by: Option<String>,
    pub created_at: OffsetDateTime,
    /// Whether the viewer may remove it (the uploader, staff).
    pub deletable: bool,
}

/// A file to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A file as listed, with its uploader's name and address.
type ListedRow = (
    Uuid,
    String,
    i32,
    Option<Uuid>,
    OffsetDateTime,
    Option<String>,
    Option<String>,
);

/// The files of the `visible` project, newest first.
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<ProjectFile>, ProjectError> {
    let project_id = visible.id();
    let viewer = visible.viewer();
    let rows: Vec<ListedRow> = project_files::table
        .left_join(users::table.on(users::id.nullable().eq(project_files::uploaded_by)))
        .filter(project_files::project_id.eq(project_id))
        .select((
            project_files::id,
            project_files::name,
            project_files::size_bytes,
            project_files::uploaded_by,
            project_files::created_at,
            users::display_name.nullable(),
            users::email.nullable(),
        ))
        .order((project_files::created_at.desc(), project_files::id.desc()))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, size_bytes, by, created_at, display, email)| ProjectFile {
                id,
                project_id,
                name,
                size_bytes,
                uploaded_by: display.filter(|n| !n.trim().is_empty()).or(email),
                created_at,
                deletable: viewer.is_staff() || (by.is_some() && by == Some(viewer.user_id())),
            },
        )
        .collect())
}

/// Shares file `raw_name` (its `bytes`) on project `project_id` (staff, the client's admins);
/// audited and announced. Returns its id.
pub async fn upload(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    raw_name: &str,
    bytes: &[u8],
) -> Result<Uuid, ProjectError> {
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    if !viewer.may_change_work() {
        return Err(ProjectError::Forbidden(
            "Only your company's admins and the agency share files.",
        ));
    }
    let name = clean_name(raw_name).ok_or_else(|| field("file", "Choose a file to share."))?;
    let content_type = check(&name, bytes)?;
    let size =
        i32::try_from(bytes.len()).map_err(|_| field("file", "A file can be 10 MB at most."))?;
    let id = Uuid::now_v7();
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        diesel::insert_into(project_files::table)
            .values((
                project_files::id.eq(id),
                project_files::project_id.eq(project_id),
                project_files::uploaded_by.eq(actor),
                project_files::name.eq(&name),
                project_files::content_type.eq(content_type),
                project_files::size_bytes.eq(size),
                project_files::content.eq(bytes),
            ))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "project_file.upload", "project_file", id)
                .after(json!({"name": name, "size_bytes": size, "project_id": project_id})),
            project_id,
        )
        .await?;
        Ok(id)
    })
    .await
}

/// File `id` to download, if the viewer sees its project.
pub async fn download(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Download, ProjectError> {
    let row: Option<(Uuid, String, String, Vec<u8>)> = project_files::table
        .find(id)
        .select((
            project_files::project_id,
            project_files::name,
            project_files::content_type,
            project_files::content,
        ))
        .first(conn)
        .await
        .optional()?;
    let (project_id, name, content_type, content) = row.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    Ok(Download {
        name,
        content_type,
        content,
    })
}

/// Removes file `id` (its uploader, staff); audited. Returns its project.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Uuid, ProjectError> {
    let row: Option<(Uuid, String, Option<Uuid>)> = project_files::table
        .find(id)
        .select((
            project_files::project_id,
            project_files::name,
            project_files::uploaded_by,
        ))
        .first(conn)
        .await
        .optional()?;
    let (project_id, name, by) = row.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    if !(viewer.is_staff() || by == Some(viewer.user_id())) {
        return Err(ProjectError::Forbidden(
            "Only the person who shared a file, or the agency, removes it.",
        ));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        diesel::delete(project_files::table.find(id))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "project_file.delete", "project_file", id)
                .before(json!({"name": name, "project_id": project_id})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::{check, clean_name};

    #[test]
    fn names_keep_their_last_part_without_tricks() {
        assert_eq!(
            clean_name("C:\\Users\\ana\\brief.pdf").as_deref(),
            Some("brief.pdf")
        );
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(clean_name("a\"b\r\n.csv").as_deref(), Some("ab.csv"));
        assert_eq!(clean_name("   "), None);
    }

    #[test]
    fn contents_must_be_what_the_name_says() {
        assert_eq!(
            check("brief.pdf", b"%PDF-1.7 ...").unwrap(),
            "application/pdf"
        );
        assert!(check("brief.pdf", b"<html><script>").is_err());
        assert!(check("page.html", b"<html>").is_err(), "HTML is not taken");
        assert!(check("data.csv", b"a,b\0c").is_err(), "no NUL in text");
        assert!(check("Deck.PPTX", b"PK\x03\x04....").is_ok());
        assert!(check("empty.txt", b"").is_err());
    }
}

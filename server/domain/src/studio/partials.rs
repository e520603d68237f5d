//! In-between pictures of a running job (OpenAI's streamed partial images): the latest one is
//! kept as a private file beside the job (the folder named by the job's id, one file
//! `partial.<ext>` written whole), and the job's `partials` count is raised with a NOTIFY, so
//! the job's page, wherever it is open, shows it within a moment. The folder goes when the job
//! ends (and, should a worker be lost first, the hourly media cleanup takes it: no media row
//! has the job's id).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::job_state::JobState;
use crate::ai::images::PartialImage;
use crate::db::schema::studio_jobs;
use crate::media::{MediaStore, Visibility};

/// The file name of a job's latest in-between picture, for output format `format`.
pub fn file_name(format: &str) -> &'static str {
    match format {
        "jpeg" => "partial.jpg",
        "webp" => "partial.webp",
        _ => "partial.png",
    }
}

/// The content type of a job's in-between picture, for output format `format`.
pub fn content_type(format: &str) -> &'static str {
    match format {
        "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "image/png",
    }
}

/// Whether `bytes` are a picture in output format `format` (an answer in another format, or
/// not a picture at all, is not kept).
pub fn is_picture(bytes: &[u8], format: &str) -> bool {
    let wanted = match format {
        "jpeg" => image::ImageFormat::Jpeg,
        "webp" => image::ImageFormat::WebP,
        _ => image::ImageFormat::Png,
    };
    image::guess_format(bytes).is_ok_and(|f| f == wanted)
}

/// Keeps `partial` as job `job_id`'s latest in-between picture and announces it; `false` when
/// it was not kept (not a picture in `format`, the job no longer running, or an older one
/// than already shown).
pub async fn save(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    job_id: Uuid,
    format: &str,
    partial: &PartialImage,
) -> anyhow::Result<bool> {
    if !is_picture(&partial.bytes, format) {
        tracing::warn!(studio.job = %job_id, "an in-between picture was not in the job's format");
        return Ok(false);
    }
    files
        .write(
            Visibility::Private,
            job_id,
            file_name(format),
            &partial.bytes,
        )
        .await?;
    let shown = i32::from(partial.index) + 1;
    let kept = conn
        .transaction(async |conn| {
            let n = diesel::update(studio_jobs::table.find(job_id))
                .filter(studio_jobs::status.eq(JobState::Running.as_str()))
                .filter(studio_jobs::partials.lt(shown))
                .set(studio_jobs::partials.eq(shown))
                .execute(conn)
                .await?;
            if n == 1 {
                super::jobs::notify(conn, job_id).await?;
            }
            Ok::<_, diesel::result::Error>(n == 1)
        })
        .await?;
    Ok(kept)
}

/// Job `job_id`'s latest in-between picture, if it has one.
pub async fn read(
    files: &MediaStore,
    job_id: Uuid,
    format: &str,
) -> std::io::Result<Option<Vec<u8>>> {
    match files
        .read(Visibility::Private, job_id, file_name(format))
        .await
    {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Removes job `job_id`'s in-between pictures (none is no error).
pub async fn clear(files: &MediaStore, job_id: Uuid) -> std::io::Result<()> {
    files.remove(Visibility::Private, job_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        image::DynamicImage::new_rgb8(4, 4)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn names_and_types_follow_the_format() {
        assert_eq!(file_name("png"), "partial.png");
        assert_eq!(file_name("jpeg"), "partial.jpg");
        assert_eq!(file_name("webp"), "partial.webp");
        assert_eq!(content_type("jpeg"), "image/jpeg");
        assert_eq!(content_type("anything"), "image/png");
    }

    #[test]
    fn only_a_picture_in_the_jobs_format_is_kept() {
        assert!(is_picture(&png(), "png"));
        assert!(!is_picture(&png(), "jpeg"));
        assert!(!is_picture(b"<svg onload=alert(1)>", "png"));
        assert!(!is_picture(&[], "png"));
    }
}

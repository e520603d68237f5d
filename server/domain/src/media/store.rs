//! Media files on disk, in two folders by visibility: public ones (product pictures) under
//! `<data dir>/media/<uuid>/`, served at `/media` with year-long `immutable` cache headers (names
//! never change once written); private ones (a user's photos and results) under
//! `<data dir>/private-media/<uuid>/`, which no static route serves — only signed addresses
//! (`signing`). Each image has `original.<ext>` (the re-encoded master) and
//! `<width>.<webp|jpg>` (its sized copies).

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use uuid::Uuid;

/// Who may see an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Anyone (the shop's own pictures).
    Public,
    /// Its owner, through signed addresses.
    Private,
}

impl Visibility {
    /// The value stored in `media.visibility`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Private => "private",
        }
    }

    /// The stored value read back (anything but `public` is private: the safe side).
    pub fn from_stored(s: &str) -> Self {
        if s == "public" {
            Self::Public
        } else {
            Self::Private
        }
    }
}

/// The two media folders.
#[derive(Debug, Clone)]
pub struct MediaStore {
    public: PathBuf,
    private: PathBuf,
}

impl MediaStore {
    /// Files under `public` and `private` (each created when first written to).
    pub fn new(public: impl Into<PathBuf>, private: impl Into<PathBuf>) -> Self {
        Self {
            public: public.into(),
            private: private.into(),
        }
    }

    /// The folder served at `/media`.
    pub fn public_root(&self) -> &Path {
        &self.public
    }

    fn root(&self, visibility: Visibility) -> &Path {
        match visibility {
            Visibility::Public => &self.public,
            Visibility::Private => &self.private,
        }
    }

    /// Where file `name` of image `id` lives.
    pub fn path(&self, visibility: Visibility, id: Uuid, name: &str) -> PathBuf {
        self.root(visibility).join(id.to_string()).join(name)
    }

    /// Writes file `name` of image `id` whole or not at all (a temporary file renamed into
    /// place), so a reader never sees half a file.
    pub async fn write(
        &self,
        visibility: Visibility,
        id: Uuid,
        name: &str,
        bytes: &[u8],
    ) -> io::Result<()> {
        let path = self.path(visibility, id, name);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let tmp = path.with_extension(format!("tmp-{}", Uuid::new_v4()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await
    }

    /// Reads file `name` of image `id`.
    pub async fn read(&self, visibility: Visibility, id: Uuid, name: &str) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(visibility, id, name)).await
    }

    /// The images with a folder under `visibility`'s root, with when each folder last changed
    /// (a missing root is an empty list; names that are not ids are left alone).
    pub async fn on_disk(&self, visibility: Visibility) -> io::Result<Vec<(Uuid, SystemTime)>> {
        let mut entries = match tokio::fs::read_dir(self.root(visibility)).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            other => other?,
        };
        let mut out = Vec::new();
        while let Some(entry) = entries.next_entry().await? {
            let Some(id) = entry
                .file_name()
                .to_str()
                .and_then(|n| Uuid::parse_str(n).ok())
            else {
                continue;
            };
            let changed = entry.metadata().await?.modified()?;
            out.push((id, changed));
        }
        Ok(out)
    }

    /// Removes every file of image `id` (nothing to remove is no error).
    pub async fn remove(&self, visibility: Visibility, id: Uuid) -> io::Result<()> {
        match tokio::fs::remove_dir_all(self.root(visibility).join(id.to_string())).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

/// The public URL of file `name` of public image `id`.
pub fn url(id: Uuid, name: &str) -> String {
    format!("/media/{id}/{name}")
}

/// Whether `name` is one of the names an image's files have (`original.png`, `600.webp`):
/// anything else in a request is refused before the disk is touched.
pub fn is_file_name(name: &str) -> bool {
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    let stem_ok = stem == "original"
        || (!stem.is_empty() && stem.len() <= 5 && stem.bytes().all(|b| b.is_ascii_digit()));
    stem_ok && matches!(ext, "jpg" | "png" | "webp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_images_own_file_names_pass() {
        for ok in ["original.png", "original.jpg", "600.webp", "150.jpg"] {
            assert!(is_file_name(ok), "{ok}");
        }
        for bad in [
            "",
            "original",
            "../secret.png",
            "600.webp/..",
            ".png",
            "original.svg",
            "600.webp.tmp-1",
            "1234567.jpg",
            "a600.jpg",
        ] {
            assert!(!is_file_name(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn private_files_live_apart_and_are_removed_whole() {
        let dir = std::env::temp_dir().join(format!("media-store-{}", Uuid::new_v4()));
        let store = MediaStore::new(dir.join("media"), dir.join("private-media"));
        let id = Uuid::new_v4();
        store
            .write(Visibility::Private, id, "original.png", b"x")
            .await
            .unwrap();
        assert!(!store.path(Visibility::Public, id, "original.png").exists());
        assert!(store.path(Visibility::Private, id, "original.png").exists());
        assert!(
            !store
                .path(Visibility::Private, id, "original.png")
                .starts_with(store.public_root())
        );
        store.remove(Visibility::Private, id).await.unwrap();
        assert!(!store.path(Visibility::Private, id, "original.png").exists());
        store.remove(Visibility::Private, id).await.unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }
}

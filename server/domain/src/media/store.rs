//! Media files on disk: `<data dir>/media/<uuid>/original.<ext>` (the re-encoded master) and
//! `<width>.<webp|jpg>` (its sized copies). Names never change once written, so the server
//! sends them with year-long `immutable` cache headers.

use std::io;
use std::path::{Path, PathBuf};

use uuid::Uuid;

/// The media folder.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
}

impl MediaStore {
    /// Files under `root` (created when first written to).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The folder served at `/media`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where file `name` of image `id` lives.
    pub fn path(&self, id: Uuid, name: &str) -> PathBuf {
        self.root.join(id.to_string()).join(name)
    }

    /// Writes file `name` of image `id` whole or not at all (a temporary file renamed into
    /// place), so a reader never sees half a file.
    pub async fn write(&self, id: Uuid, name: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(id, name);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let tmp = path.with_extension(format!("tmp-{}", Uuid::new_v4()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await
    }

    /// Reads file `name` of image `id`.
    pub async fn read(&self, id: Uuid, name: &str) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(id, name)).await
    }
}

/// The public URL of file `name` of image `id`.
pub fn url(id: Uuid, name: &str) -> String {
    format!("/media/{id}/{name}")
}

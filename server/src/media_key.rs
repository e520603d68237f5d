//! The key that signs private media addresses: `DAYDREAM_MEDIA_KEY` when set; otherwise, in
//! development, a random key generated once into `<data dir>/media-url.key` (readable by its
//! owner only), so addresses keep working across restarts with nothing to configure. A
//! production start without the setting is refused by `production::check`; until that refusal
//! the state holds a throwaway random key, so no address is ever signed with a guessable one.

use std::io::Write;
use std::path::Path;

use secrecy::ExposeSecret;

use crate::config::{Config, Environment};

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "media-url.key";

/// A fresh random key, as text (32 random bytes in hex).
fn random_key() -> String {
    rand::random::<[u8; 32]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The key for this configuration.
pub fn resolve(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(key) = &config.media.key {
        return Ok(key.expose_secret().as_bytes().to_vec());
    }
    if config.environment == Environment::Production {
        return Ok(random_key().into_bytes());
    }
    read_or_create(&config.data_dir.join(KEY_FILE))
}

/// The key in `path`, written there first when it does not exist.
fn read_or_create(path: &Path) -> anyhow::Result<Vec<u8>> {
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().len() >= domain::media::signing::MIN_KEY_BYTES => {
            return Ok(text.trim().as_bytes().to_vec());
        }
        Ok(_) => anyhow::bail!(
            "{}: the media key is shorter than 32 characters; delete the file to get a new one",
            path.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => anyhow::bail!("{}: cannot be read: {e}", path.display()),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let key = random_key();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(key.as_bytes())?;
            Ok(key.into_bytes())
        }
        // Another process (a second test server on the same folder) wrote it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_or_create(path),
        Err(e) => anyhow::bail!("{}: cannot be written: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_development_key_is_made_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("media-key-{}", uuid::Uuid::new_v4()));
        let path = dir.join(KEY_FILE);
        let first = read_or_create(&path).unwrap();
        assert!(first.len() >= 32);
        assert_eq!(
            read_or_create(&path).unwrap(),
            first,
            "the same key after a restart"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner may read it");
        }
        std::fs::write(&path, "short").unwrap();
        assert!(read_or_create(&path).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}

//! Reading a multipart form in a server function: its text fields, and its files up to a size
//! each. The whole body is read (the route's limit bounds it) so the browser gets the answer
//! rather than a reset connection; past `max_file` bytes a file is no longer kept, only
//! measured. Server only.

use std::collections::HashMap;

/// A multipart form as read.
#[derive(Debug, Default)]
pub struct Parts {
    /// Text fields by name (the last of a name wins).
    pub fields: HashMap<String, String>,
    /// File fields by name: their bytes, unless too large.
    pub files: HashMap<String, Vec<u8>>,
    /// The file fields that were larger than allowed.
    pub too_large: Vec<String>,
    /// File fields by name: the file's name as the browser sent it (untrusted).
    pub file_names: HashMap<String, String>,
}

impl Parts {
    /// Text field `name`, or "".
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// File `name`'s bytes (taken out), or none when absent or empty.
    pub fn take_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.files.remove(name).filter(|b| !b.is_empty())
    }
}

/// Reads `data`: the fields named in `file_fields` as files (each kept up to `max_file` bytes),
/// the others as text.
pub async fn read(
    data: server_fn::codec::MultipartData,
    file_fields: &[&str],
    max_file: usize,
) -> Parts {
    let mut parts = Parts::default();
    let Some(mut form) = data.into_inner() else {
        return parts;
    };
    while let Ok(Some(mut field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        if file_fields.contains(&name.as_str()) {
            if let Some(file_name) = field.file_name() {
                parts.file_names.insert(name.clone(), file_name.to_owned());
            }
            let (mut bytes, mut sent) = (Vec::new(), 0usize);
            while let Ok(Some(chunk)) = field.chunk().await {
                sent += chunk.len();
                if sent <= max_file {
                    bytes.extend_from_slice(&chunk);
                }
            }
            if sent > max_file {
                parts.too_large.push(name);
            } else {
                parts.files.insert(name, bytes);
            }
        } else {
            let text = field.text().await.unwrap_or_default();
            parts.fields.insert(name, text);
        }
    }
    parts
}

//! Comments: the seed from the data file plus those created by POST, which
//! are appended to a JSON-lines file and read back at start-up, so they
//! survive a restart.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::Comment;

pub struct Store {
    /// Sorted by id.
    comments: Vec<Comment>,
    file: Option<PathBuf>,
}

impl Store {
    /// The seed comments plus every valid line of `file` (a missing file is
    /// an empty store; a torn last line from a crash is skipped).
    pub fn open(seed: Vec<Comment>, file: Option<&Path>) -> Result<Store, String> {
        let mut comments = seed;
        if let Some(path) = file {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    for (n, line) in text.lines().enumerate() {
                        if line.trim().is_empty() {
                            continue;
                        }
                        match serde_json::from_str::<Comment>(line) {
                            Ok(c) => {
                                comments.retain(|old| old.id != c.id);
                                comments.push(c);
                            }
                            Err(e) => eprintln!(
                                "devapi: skipping line {} of {}: {e}",
                                n + 1,
                                path.display()
                            ),
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot read store {}: {e}", path.display())),
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
        }
        comments.sort_by_key(|c| c.id);
        Ok(Store {
            comments,
            file: file.map(Path::to_path_buf),
        })
    }

    pub fn all(&self) -> &[Comment] {
        &self.comments
    }

    pub fn get(&self, id: u64) -> Option<&Comment> {
        self.comments
            .binary_search_by_key(&id, |c| c.id)
            .ok()
            .map(|i| &self.comments[i])
    }

    /// The next auto-increment id, like MySQL's.
    pub fn next_id(&self) -> u64 {
        self.comments.last().map_or(1, |c| c.id + 1)
    }

    /// Persists the comment (its id must be [`Store::next_id`]), then keeps it.
    pub fn insert(&mut self, comment: Comment) -> Result<(), String> {
        self.append(&comment)?;
        self.comments.push(comment);
        self.comments.sort_by_key(|c| c.id);
        Ok(())
    }

    /// Replaces a comment (same id), persisted too: the file is read back
    /// in order, so its last line for an id wins.
    pub fn update(&mut self, comment: Comment) -> Result<(), String> {
        let i = self
            .comments
            .binary_search_by_key(&comment.id, |c| c.id)
            .map_err(|_| format!("no comment {}", comment.id))?;
        self.append(&comment)?;
        self.comments[i] = comment;
        Ok(())
    }

    fn append(&self, comment: &Comment) -> Result<(), String> {
        if let Some(path) = &self.file {
            let mut line = serde_json::to_string(&comment).map_err(|e| e.to_string())?;
            line.push('\n');
            let mut f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
            f.write_all(line.as_bytes())
                .and_then(|_| f.flush())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        Ok(())
    }
}

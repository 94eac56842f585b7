//! The inputs of a run: files as given, folders walked for plan files, `-` for standard input;
//! put in a stable order (by the name each is reported under), each once.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::read::read_bytes;
use crate::source::{SourceError, SpecialFile, Unreadable};

/// Plan file extensions read from directories.
const PLAN_EXTENSIONS: &[&str] = &["txt", "md", "docx", "pdf"];

/// Documents planlint does not read, named in a folder walk with what to do (never skipped
/// silently: a reviewer must not believe a folder of `.doc` plans passed).
const UNREAD_EXTENSIONS: &[&str] = &["doc", "rtf", "odt", "jpg", "jpeg", "png", "tif", "tiff"];

/// Folder names never walked into (build output and vendored dependencies, besides hidden
/// folders): plans do not live there, and they can be huge.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "__pycache__"];

/// Where one input's bytes come from.
#[derive(Debug)]
pub(super) enum Origin {
    /// A file to read.
    File(PathBuf),
    /// Standard input, read once when the run starts.
    Stdin(Result<Vec<u8>, SourceError>),
    /// An entry of a folder that cannot be read (an unread format, a loop, a named pipe…).
    Unwalkable(Unreadable),
}

/// One input of a run and the name it is reported under.
#[derive(Debug)]
pub(super) struct Item {
    pub(super) name: String,
    pub(super) origin: Origin,
}

impl Item {
    /// A file named by its path.
    pub(super) fn file(path: &Path) -> Self {
        Self { name: display_name(path), origin: Origin::File(path.to_path_buf()) }
    }

    /// The bytes of the input.
    pub(super) fn bytes(&self) -> Result<Cow<'_, [u8]>, SourceError> {
        match &self.origin {
            Origin::File(path) => read_bytes(path).map(Cow::Owned),
            Origin::Stdin(read) => read.as_deref().map(Cow::Borrowed).map_err(Clone::clone),
            Origin::Unwalkable(reason) => Err(SourceError::Unreadable { reason: reason.clone() }),
        }
    }

    /// Whether the input is standard input.
    pub(super) fn is_stdin(&self) -> bool {
        matches!(self.origin, Origin::Stdin(_))
    }
}

/// The name a path is reported under: as given, without a leading `./`, with `/` separators.
pub(super) fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' { s.replace('\\', "/") } else { s.to_owned() }
}

/// The inputs named: files as given (whatever their extension), folders walked for plan files
/// (hidden and build folders skipped; symbolic links followed, loops reported), `-` for
/// standard input (named `stdin_name`). Sorted by name, each once.
pub(super) fn collect(paths: &[PathBuf], stdin_name: &str) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Item { name: stdin_name.to_owned(), origin: Origin::Stdin(read_bytes(p)) });
            continue;
        }
        if !p.is_dir() {
            out.push(Item::file(p));
            continue;
        }
        let walker = walkdir::WalkDir::new(p).follow_links(true).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || (e.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref())))
        });
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let ext = entry.path().extension().and_then(|e| e.to_str()).map(str::to_lowercase);
                    if let Some(format) =
                        ext.as_deref().and_then(|e| UNREAD_EXTENSIONS.iter().find(|u| **u == e)).copied()
                        && entry.file_type().is_file()
                    {
                        let origin = Origin::Unwalkable(Unreadable::Format(format));
                        out.push(Item { name: display_name(entry.path()), origin });
                        continue;
                    }
                    if !ext.is_some_and(|e| PLAN_EXTENSIONS.contains(&e.as_str())) {
                        continue;
                    }
                    let file_type = entry.file_type();
                    if file_type.is_file() {
                        out.push(Item { name: display_name(entry.path()), origin: Origin::File(entry.into_path()) });
                    } else if let Some(kind) = SpecialFile::of(file_type) {
                        // A FIFO named like a plan is reported, never opened: reading it would
                        // wait for a writer that may never come.
                        let origin = Origin::Unwalkable(Unreadable::Special(kind));
                        out.push(Item { name: display_name(entry.path()), origin });
                    }
                }
                Err(e) => {
                    let reason = if e.loop_ancestor().is_some() {
                        Unreadable::Loop
                    } else {
                        e.io_error().map_or_else(|| Unreadable::Other(e.to_string()), Unreadable::from_io)
                    };
                    let path = e.path().unwrap_or(p);
                    out.push(Item { name: display_name(path), origin: Origin::Unwalkable(reason) });
                }
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name && !a.is_stdin());
    out
}

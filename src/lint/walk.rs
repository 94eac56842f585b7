//! The inputs of a run: files as given, folders walked for plan files, `-` for standard input;
//! put in a stable order (by the name each is reported under), each once.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::read::read_bytes;
use crate::config::Config;
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

/// The inputs named: files as given (whatever their extension, excluded or not), folders walked
/// for plan files ([`walker`]: ignore files, `exclude:`, hidden and build folders left out;
/// loops, named pipes and documents planlint does not read reported), `-` for standard input
/// (named `stdin_name`). Sorted by name, each once.
pub(super) fn collect(paths: &[PathBuf], stdin_name: &str, config: Option<&Config>) -> Vec<Item> {
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
        walk(p, config, &mut out);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name && !a.is_stdin());
    out
}

/// A walk of the folder `root` as a run walks it: what `.gitignore` and `.ignore` files list
/// (in the folder, below and above it, inside a Git repository or not; a user's global Git
/// excludes are not read, so that a folder gives the same plans on every reviewer's machine),
/// what the config's `exclude:` lists, hidden entries and build folders are left out; symbolic
/// links are followed (loops are errors). `root` itself is always walked. The order is the
/// file system's: sort what it gives.
pub fn walker(root: &Path, config: Option<&Config>) -> ignore::Walk {
    let exclude = config.cloned();
    ignore::WalkBuilder::new(root)
        .follow_links(true)
        .hidden(true)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .filter_entry(move |e| {
            let name = e.file_name().to_string_lossy();
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            e.depth() == 0
                || !((is_dir && SKIPPED_DIRS.contains(&name.as_ref()))
                    || exclude.as_ref().is_some_and(|c| c.is_excluded(e.path())))
        })
        .build()
}

/// The plan files under the folder `root`, added to `out`.
fn walk(root: &Path, config: Option<&Config>, out: &mut Vec<Item>) {
    let walker = walker(root, config);
    for entry in walker {
        match entry {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else { continue };
                let ext = entry.path().extension().and_then(|e| e.to_str()).map(str::to_lowercase);
                if let Some(format) = ext.as_deref().and_then(|e| UNREAD_EXTENSIONS.iter().find(|u| **u == e)).copied()
                    && file_type.is_file()
                {
                    let origin = Origin::Unwalkable(Unreadable::Format(format));
                    out.push(Item { name: display_name(entry.path()), origin });
                    continue;
                }
                if !ext.is_some_and(|e| PLAN_EXTENSIONS.contains(&e.as_str())) {
                    continue;
                }
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
                let (path, reason) = walk_error(&e);
                out.push(Item { name: display_name(path.unwrap_or(root)), origin: Origin::Unwalkable(reason) });
            }
        }
    }
}

/// The path a walk error is about, and why it cannot be read.
fn walk_error(e: &ignore::Error) -> (Option<&Path>, Unreadable) {
    match e {
        ignore::Error::WithPath { path, err } => {
            let (inner, reason) = walk_error(err);
            (inner.or(Some(path)), reason)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { child, .. } => (Some(child), Unreadable::Loop),
        ignore::Error::Io(io) => (None, Unreadable::from_io(io)),
        other => (None, Unreadable::Other(other.to_string())),
    }
}

//! Safe writes: every file planlint writes (a baseline, `--output`, `--format X=FILE`, the
//! `planlint.yaml` of `planlint init`) goes through [`AtomicFile`].
//!
//! As git does with its lock files, the new content is written to a temporary file in the same
//! directory as the target, flushed to disk, then renamed over the target: a reader sees the old
//! file or the new one, never half of one, and a write that fails (a full disk, an interrupted
//! run) leaves the old file as it was. A symbolic link is written through: the file it leads to
//! is replaced and the link stays. A directory, a named pipe (FIFO), a socket or a device is
//! refused: replacing it with a regular file would destroy what it was, and writing into a pipe
//! or device is not "writing a file".

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::lang::Lang;
use crate::source::{Bilingual, SpecialFile, io_reason};

/// How many symbolic links are followed before giving up (as Linux does).
const MAX_LINKS: usize = 40;

/// A file being written: bytes go to a temporary file beside the target; [`AtomicFile::commit`]
/// puts it in place. Dropped without a commit, the temporary file is removed and the target is
/// untouched.
#[derive(Debug)]
pub struct AtomicFile {
    /// The path as the user gave it (for messages).
    shown: String,
    /// The file that will be replaced (symbolic links resolved).
    target: PathBuf,
    tmp: PathBuf,
    file: Option<std::fs::File>,
}

/// A file that cannot be written, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write the file `{path}`: {}", reason.en())]
pub struct WriteError {
    /// The path as given.
    pub path: String,
    /// Why, in both languages.
    pub reason: Bilingual,
}

impl WriteError {
    fn new(path: &str, reason: Bilingual) -> Self {
        Self { path: path.to_owned(), reason }
    }

    fn io(path: &str, err: &std::io::Error) -> Self {
        Self::new(path, io_reason(err, true))
    }

    /// The whole message in a language: what could not be written, and why.
    pub fn message(&self, lang: Lang) -> String {
        self.message_as(&Bilingual::new("tệp", "the file"), lang)
    }

    /// [`WriteError::message`], the file called `what` (`tệp baseline` / `the baseline file`).
    pub fn message_as(&self, what: &Bilingual, lang: Lang) -> String {
        lang.pick(
            format!("không ghi được {} `{}`: {}", what.vi, self.path, self.reason.vi),
            format!("cannot write {} `{}`: {}", what.en(), self.path, self.reason.en()),
        )
    }
}

/// The file a path leads to: symbolic links followed one by one (a link to a file that does not
/// exist yet leads to that file, which will be created).
fn resolve(path: &Path, shown: &str) -> Result<PathBuf, WriteError> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&p).map_err(|e| WriteError::io(shown, &e))?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(WriteError::io(shown, &e)),
        }
    }
    Err(WriteError::new(
        shown,
        Bilingual::new(
            "quá nhiều liên kết (symlink) nối tiếp nhau, có thể là một vòng lặp liên kết",
            "too many symbolic links in a row, perhaps a loop of links",
        ),
    ))
}

/// Distinguishes the temporary files of one process.
static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl AtomicFile {
    /// Start writing `path`: refuse what is not a regular file (or a link to one, or nothing
    /// yet), and create the temporary file beside the target.
    pub fn create(path: &Path) -> Result<Self, WriteError> {
        let shown = path.display().to_string();
        let target = resolve(path, &shown)?;
        let existing = match std::fs::metadata(&target) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(WriteError::io(&shown, &e)),
        };
        if let Some(meta) = &existing {
            if meta.is_dir() {
                return Err(WriteError::new(
                    &shown,
                    Bilingual::new("đây là một thư mục; hãy cho một tên tệp", "this is a directory; give a file name"),
                ));
            }
            if let Some(kind) = SpecialFile::of(meta.file_type()) {
                let k = kind.text();
                return Err(WriteError::new(
                    &shown,
                    Bilingual::new(
                        format!(
                            "đây là {}, không phải tệp thường; planlint chỉ ghi vào tệp thường để không phá hủy nó",
                            k.vi
                        ),
                        format!(
                            "this is {}, not a regular file; planlint writes only regular files, so as not to destroy it",
                            k.en()
                        ),
                    ),
                ));
            }
        }
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.is_empty() {
            return Err(WriteError::new(
                &shown,
                Bilingual::new("đường dẫn này không có tên tệp", "this path has no file name"),
            ));
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.planlint-{}-{n}.tmp", std::process::id()));
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(|e| {
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                let d = dir.display();
                WriteError::new(
                    &shown,
                    Bilingual::new(
                        format!("không có quyền ghi vào thư mục `{d}` (planlint ghi tệp mới ở đó rồi mới thay tệp cũ)"),
                        format!(
                            "no permission to write in the directory `{d}` (planlint writes the new file there, then puts it in place)"
                        ),
                    ),
                )
            } else {
                WriteError::io(&shown, &e)
            }
        })?;
        let this = Self { shown, target, tmp, file: Some(file) };
        // The new file keeps the old one's permissions.
        if let (Some(meta), Some(file)) = (existing, this.file.as_ref()) {
            file.set_permissions(meta.permissions()).map_err(|e| WriteError::io(&this.shown, &e))?;
        }
        Ok(this)
    }

    /// Flush the new content to disk and put it in place of the target.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let Some(mut file) = self.file.take() else {
            return Err(WriteError::new(&self.shown, io_reason(&std::io::ErrorKind::Other.into(), true)));
        };
        let done = file
            .flush()
            .and_then(|()| file.sync_all())
            .and_then(|()| {
                drop(file);
                std::fs::rename(&self.tmp, &self.target)
            })
            .map_err(|e| WriteError::io(&self.shown, &e));
        if done.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        // Renamed or removed: nothing left for `drop` to clean.
        self.tmp = PathBuf::new();
        done
    }

    /// The error to report for a failed write of this file.
    pub fn error(&self, err: &std::io::Error) -> WriteError {
        WriteError::io(&self.shown, err)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Write `bytes` to `path` safely (see the module's documentation): the one helper every
/// whole-file writer of planlint uses.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.error(&e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("planlint-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".planlint-"))
            .collect()
    }

    #[test]
    fn writes_a_new_file_and_replaces_an_old_one() {
        let dir = scratch("replace");
        let path = dir.join("out.json");
        write_file(&path, b"one").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unfinished_write_leaves_the_old_file() {
        let dir = scratch("unfinished");
        let path = dir.join("b.json");
        std::fs::write(&path, "old").unwrap();
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"half of the new").unwrap();
        assert_eq!(leftovers(&dir).len(), 1);
        drop(f);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_kept() {
        let dir = scratch("symlink");
        std::fs::create_dir(dir.join("real")).unwrap();
        let target = dir.join("real/b.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.join("link.json");
        std::os::unix::fs::symlink("real/b.json", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // A link to a file not there yet creates it.
        let dangling = dir.join("dangling.json");
        std::os::unix::fs::symlink("real/new.json", &dangling).unwrap();
        write_file(&dangling, b"x").unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("real/new.json")).unwrap(), "x");
        // A loop of links is refused.
        std::os::unix::fs::symlink("loop-b", dir.join("loop-a")).unwrap();
        std::os::unix::fs::symlink("loop-a", dir.join("loop-b")).unwrap();
        let e = write_file(&dir.join("loop-a"), b"x").unwrap_err();
        assert!(e.message(Lang::Vi).contains("vòng lặp"), "{}", e.message(Lang::Vi));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn special_files_and_directories_are_refused_and_kept() {
        let dir = scratch("special");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let e = write_file(&fifo, b"x").unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            format!(
                "không ghi được tệp `{}`: đây là một ống dẫn có tên (FIFO), không phải tệp thường; planlint chỉ ghi vào tệp thường để không phá hủy nó",
                fifo.display()
            )
        );
        assert!(e.message(Lang::En).contains("a named pipe (FIFO), not a regular file"));
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        let e = write_file(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(e.message(Lang::Vi).contains("thiết bị ký tự"), "{}", e.message(Lang::Vi));
        let e = write_file(&dir, b"x").unwrap_err();
        assert!(e.message(Lang::Vi).contains("thư mục"), "{}", e.message(Lang::Vi));
        assert!(dir.is_dir());
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_fails_cleanly_and_keeps_the_old_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("readonly");
        let path = dir.join("b.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        // As root, permissions do not stop a write: nothing to check then.
        let writable = std::fs::File::create(dir.join("probe")).is_ok();
        if !writable {
            let e = write_file(&path, b"new").unwrap_err();
            assert!(e.message(Lang::Vi).contains("không có quyền ghi vào thư mục"), "{}", e.message(Lang::Vi));
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_of_the_old_file_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("perms");
        let path = dir.join("b.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

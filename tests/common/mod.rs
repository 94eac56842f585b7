//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers fail loudly on purpose")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use planlint::model::{Plan, Span};
use planlint::source::SourceFile;

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the planlint binary in `dir` as a user would see it in a 100-column plain terminal,
/// feeding `stdin`; (exit code, stdout, stderr).
pub(crate) fn planlint_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// A fresh empty directory for one test (`name` unique within its test binary), removed with
/// everything in it when the guard is dropped: at the end of the test, passed or failed, so a
/// test run leaves the temporary directory as it found it. Use it as a [`Path`].
pub(crate) fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("planlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A test's temporary directory, removed on drop (see [`scratch`]).
#[derive(Debug)]
pub(crate) struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file of the repository, read (`fixtures/…`).
pub(crate) fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

/// A seed fixture by its number (`"003"`).
pub(crate) fn seed_path(number: &str) -> PathBuf {
    let dir = root().join("fixtures/plans/seeds");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(number))
        .unwrap_or_else(|| panic!("no seed {number} in {}", dir.display()))
}

/// Decode and extract a file from bytes.
pub(crate) fn extract_bytes(name: &str, bytes: &[u8]) -> (SourceFile, Plan) {
    let src = SourceFile::from_bytes(name, bytes).unwrap();
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let plan = planlint::extract::extract(&src, vocab).unwrap();
    (src, plan)
}

/// Decode and extract a file.
pub(crate) fn extract_file(path: &Path) -> (SourceFile, Plan) {
    extract_bytes(&path.to_string_lossy(), &std::fs::read(path).unwrap())
}

/// The 1-based line where a span starts.
pub(crate) fn line(src: &SourceFile, span: Span) -> usize {
    src.line_col(span.start).line
}

/// The 1-based lines where a span starts and ends.
pub(crate) fn lines(src: &SourceFile, span: Span) -> (usize, usize) {
    (src.line_col(span.start).line, src.line_col(span.end).line)
}

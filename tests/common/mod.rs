//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers fail loudly on purpose")]

use std::path::{Path, PathBuf};

use planlint::model::{Plan, Span};
use planlint::source::SourceFile;

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

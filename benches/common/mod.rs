//! Shared benchmark setup.
#![allow(clippy::unwrap_used, reason = "benchmark setup fails loudly")]

use std::path::PathBuf;

/// The seed plans: (file name, bytes), in name order.
pub(crate) fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans/seeds");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

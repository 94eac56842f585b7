//! Reading an input's bytes: a file (refused before reading when it is a directory or over the
//! size limit) or standard input (read up to the limit).

use std::io::Read;
use std::path::Path;

use crate::lang::Lang;
use crate::report::InputDiagnostic;
use crate::source::{MAX_FILE_BYTES, SourceError, SourceFile, Unreadable};

/// Read a file's bytes (`-`: standard input), refusing directories and files over the size
/// limit before reading them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, SourceError> {
    let unreadable = |e: std::io::Error| SourceError::Unreadable { reason: Unreadable::from_io(&e) };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(SourceError::Unreadable { reason: Unreadable::Directory });
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(SourceError::TooLarge { size: meta.len(), limit: MAX_FILE_BYTES as u64 });
    }
    // Sized from the metadata (checked against the limit above): one read fills it and one more
    // sees the end, where a growing buffer would take a dozen reads from 32 bytes up. A file
    // that grew since is still read whole, up to the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    std::fs::File::open(path)
        .map_err(unreadable)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

/// Read and decode a file (`-`: standard input) into a source reported under `name`, or the
/// input diagnostic (E001, E002) that says why it cannot be.
pub fn read_source(path: &Path, name: &str, lang: Lang) -> Result<SourceFile, Box<InputDiagnostic>> {
    let bytes = read_bytes(path).map_err(|e| Box::new(InputDiagnostic::from_source_error(name, &e, None, lang)))?;
    SourceFile::from_bytes(name, &bytes)
        .map_err(|e| Box::new(InputDiagnostic::from_source_error(name, &e, Some(&bytes), lang)))
}

//! Registry errors: a message at a place in the registry file.

use std::sync::Arc;

use crate::source::LocatedError;

/// A registry file that cannot be used, with the place of the problem.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error(transparent)]
#[diagnostic(transparent)]
pub struct RegistryError(LocatedError);

impl RegistryError {
    /// An error at a byte offset of a registry file; the rest of its line is underlined.
    pub(crate) fn new(path: &str, text: &str, offset: usize, message: String) -> Self {
        let len = text.get(offset..).and_then(|rest| rest.lines().next()).map_or(0, str::len);
        Self(LocatedError::new("registry-invalid", message).at(path, Arc::from(text), offset, len).with_label("here"))
    }

    /// A serde_yaml error, located where the parser stopped.
    pub(crate) fn yaml(path: &str, text: &str, err: &serde_yaml::Error) -> Self {
        let offset = err.location().map_or(0, |loc| loc.index());
        Self::new(path, text, offset, err.to_string())
    }

    /// Offset of `needle` after the first `anchor` (or of the anchor, when the needle is not
    /// there): good enough to point at a field of a record.
    pub(crate) fn locate(text: &str, anchor: &str, needle: &str) -> usize {
        let from = text.find(anchor).unwrap_or(0);
        text.get(from..).and_then(|rest| rest.find(needle)).map_or(from, |i| from + i)
    }

    /// Offset of the `n`-th (0-based) occurrence of `needle`.
    pub(crate) fn locate_nth(text: &str, needle: &str, n: usize) -> usize {
        text.match_indices(needle).nth(n).map_or(0, |(i, _)| i)
    }

    /// The byte offset of the problem.
    pub fn offset(&self) -> usize {
        self.0.offset()
    }
}

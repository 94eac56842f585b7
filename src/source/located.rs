//! A problem at a place in a small file planlint reads for itself (a registry, `planlint.yaml`):
//! one message, optional help, and the span it underlines. The stages that read such files wrap it
//! in their own error type so each keeps its diagnostic code.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};

/// A message about a file, at a byte range of its text when there is one.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", .0.message)]
pub struct LocatedError(Box<Inner>);

/// Boxed so that `Result<_, LocatedError>` stays small.
#[derive(Debug, Clone)]
struct Inner {
    code: &'static str,
    message: String,
    help: Option<String>,
    label: Option<String>,
    offset: usize,
    len: usize,
    src: Option<NamedSource<Arc<str>>>,
}

impl LocatedError {
    /// A message with no place (the file could not be read, a command-line value is wrong).
    pub fn new(code: &'static str, message: String) -> Self {
        Self(Box::new(Inner { code, message, help: None, label: None, offset: 0, len: 0, src: None }))
    }

    /// The message placed at `len` bytes from `offset` of `text` (clamped to the text, and to
    /// character boundaries).
    #[must_use]
    pub fn at(mut self, name: &str, text: Arc<str>, offset: usize, len: usize) -> Self {
        let mut start = offset.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = start.saturating_add(len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        self.0.offset = start;
        self.0.len = end - start;
        self.0.src = Some(NamedSource::new(name, text));
        self
    }

    /// With a help line.
    #[must_use]
    pub fn with_help(mut self, help: String) -> Self {
        self.0.help = Some(help);
        self
    }

    /// With a label on the span.
    #[must_use]
    pub fn with_label(mut self, label: &str) -> Self {
        self.0.label = Some(label.to_owned());
        self
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The help line, if any.
    pub fn help_text(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// The byte offset of the problem (0 when it has no place).
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// Whether the problem has a place in a file.
    pub fn is_located(&self) -> bool {
        self.0.src.is_some()
    }
}

impl Diagnostic for LocatedError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.src.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.src.as_ref()?;
        let span = SourceSpan::new(self.0.offset.into(), self.0.len);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(self.0.label.clone(), span))))
    }
}

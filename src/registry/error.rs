//! Registry errors: a message at a place in the registry file, in both languages.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::lang::Lang;
use crate::source::{Bilingual, LocatedError};

/// A registry file that cannot be used, with the place of the problem. Made in both languages;
/// [`RegistryError::in_lang`] chooses the one shown (Vietnamese unless told otherwise).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", self.shown())]
pub struct RegistryError {
    vi: LocatedError,
    en: LocatedError,
    lang: Lang,
}

impl RegistryError {
    /// An error at a byte offset of a registry file; the rest of its line is underlined.
    pub(crate) fn new(path: &str, text: &str, offset: usize, message: Bilingual) -> Self {
        Self::with_help(path, text, offset, message, None)
    }

    /// [`RegistryError::new`] with a help line.
    pub(crate) fn with_help(
        path: &str,
        text: &str,
        offset: usize,
        message: Bilingual,
        help: Option<Bilingual>,
    ) -> Self {
        let len = text.get(offset..).and_then(|rest| rest.lines().next()).map_or(0, str::len);
        Self::located(path, text, offset, len, &message, help.as_ref())
    }

    fn located(
        path: &str,
        text: &str,
        offset: usize,
        len: usize,
        message: &Bilingual,
        help: Option<&Bilingual>,
    ) -> Self {
        let text: Arc<str> = Arc::from(text);
        let make = |lang: Lang| {
            let e = LocatedError::new("registry-invalid", message.get(lang).to_owned())
                .at(path, Arc::clone(&text), offset, len)
                .with_label(lang.pick("ở đây", "here"));
            match help {
                Some(h) => e.with_help(h.get(lang).to_owned()),
                None => e,
            }
        };
        Self { vi: make(Lang::Vi), en: make(Lang::En), lang: Lang::Vi }
    }

    /// A registry file that cannot be read (no place in it).
    pub(crate) fn unreadable(path: &str, why: &Bilingual) -> Self {
        let make = |lang: Lang| {
            let message = lang.pick(
                format!("không đọc được tệp danh mục `{path}`: {}", why.vi),
                format!("cannot read the registry file `{path}`: {}", why.en()),
            );
            LocatedError::new("registry-invalid", message)
        };
        Self { vi: make(Lang::Vi), en: make(Lang::En), lang: Lang::Vi }
    }

    /// A serde_yaml error, located where the parser stopped, in words people read.
    pub(crate) fn yaml(path: &str, text: &str, err: &serde_yaml::Error) -> Self {
        let offset = err.location().map_or(0, |loc| loc.index());
        let (message, help) = crate::yaml::translate(err, &Bilingual::new("tệp danh mục", "the registry file"));
        Self::with_help(path, text, offset, message, help)
    }

    /// A YAML file over one of planlint's YAML limits.
    pub(crate) fn limit(path: &str, text: &str, err: &crate::yaml::LimitError) -> Self {
        let len = crate::yaml::token_len(text, err.offset);
        Self::located(path, text, err.offset, len, &err.message(), Some(&err.help()))
    }

    /// The same error, shown in `lang`.
    #[must_use]
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    fn shown(&self) -> &LocatedError {
        self.lang.pick(&self.vi, &self.en)
    }

    /// The message in the language chosen.
    pub fn message(&self) -> &str {
        self.shown().message()
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
        self.shown().offset()
    }
}

impl Diagnostic for RegistryError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.shown().code()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.shown().help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.shown().source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.shown().labels()
    }
}

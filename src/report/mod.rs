//! Rendering what planlint has to say. So far: input errors (E001–E003) as miette diagnostics,
//! with the file's own text as the snippet when there is text to show.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::extract::ExtractError;
use crate::lang::Lang;
use crate::source::SourceError;

/// An input error ready to render: code, localized message and help, and where.
#[derive(Debug)]
pub struct InputDiagnostic {
    code: &'static str,
    name: &'static str,
    message: String,
    help: String,
    label: String,
    src: Option<NamedSource<String>>,
    span: Option<SourceSpan>,
}

impl fmt::Display for InputDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputDiagnostic {}

impl Diagnostic for InputDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{}({})", self.code, self.name)))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(self.label.clone()), span))))
    }
}

impl InputDiagnostic {
    /// The stable code (`E002`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// A file that could not be decoded. `bytes` is the file, when it was read.
    pub fn from_source_error(path: &str, err: &SourceError, bytes: Option<&[u8]>, lang: Lang) -> Self {
        let en = lang.is_en();
        let text = match (err, bytes) {
            (SourceError::InvalidUtf8 { lossy, .. }, _) => Some(lossy.clone()),
            (SourceError::LegacyText { .. } | SourceError::Unsupported { .. }, Some(b)) => {
                Some(String::from_utf8_lossy(b).into_owned())
            }
            _ => None,
        };
        let offset = err.offset();
        let (src, span) = match (text, offset) {
            (Some(t), Some(o)) => {
                let len = t.get(o..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8);
                (Some(NamedSource::new(path, t)), Some(SourceSpan::new(o.into(), len)))
            }
            _ => (None, None),
        };
        let mut message = err.message().get(en).to_owned();
        if span.is_none() {
            message = format!("{path}: {message}");
        }
        let label = if en { "here" } else { "ở đây" }.to_owned();
        Self { code: err.code(), name: err.name(), message, help: err.help().get(en).to_owned(), label, src, span }
    }

    /// A text file that is not a plan.
    pub fn from_extract_error(path: &str, err: &ExtractError, text: &str, lang: Lang) -> Self {
        let en = lang.is_en();
        let first_line = text.lines().find(|l| !l.trim().is_empty());
        let (src, span) = match (err, first_line) {
            (ExtractError::NotAPlan { .. }, Some(line)) => {
                let start = text.find(line).unwrap_or(0);
                (Some(NamedSource::new(path, text.to_owned())), Some(SourceSpan::new(start.into(), line.len())))
            }
            _ => (None, None),
        };
        let mut message = err.message().get(en).to_owned();
        if span.is_none() {
            message = format!("{path}: {message}");
        }
        let label = if en { "the file starts here" } else { "tệp bắt đầu ở đây" }.to_owned();
        Self { code: err.code(), name: err.name(), message, help: err.help().get(en).to_owned(), label, src, span }
    }
}

/// Render a diagnostic as miette draws it: with colour and Unicode when `color`, else plain
/// (no colour, Unicode box drawing, for logs and tests).
pub fn render(diagnostic: &dyn Diagnostic, color: bool, width: usize) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).without_syntax_highlighting().with_width(width);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = format!("{diagnostic}\n");
    }
    out
}

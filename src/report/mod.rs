//! Rendering what planlint has to say: input errors (E001–E003) and rule findings as miette
//! diagnostics, with the file's own text as the snippet when there is text to show.
//!
//! Everything planlint draws for people goes through [`render`]: miette's graphical handler on a
//! window of the text (see `report/window.rs`), so that no line, however long, can make a drawing
//! panic or grow past [`MAX_RENDERED_BYTES`].

mod window;

pub use window::{MAX_LABELS, MAX_TEXT_CHARS, SNIPPET_CONTEXT_CHARS, SNIPPET_LINE_CHARS, SNIPPET_SPAN_LINES};

use std::fmt;

use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use crate::extract::ExtractError;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::source::{NamedText, SourceError};

/// How miette draws a severity: `×` error, `⚠` warning, `☞` advice (info).
fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// An input error ready to render: code, localized message and help, and where.
#[derive(Debug)]
pub struct InputDiagnostic {
    code: &'static str,
    name: &'static str,
    message: String,
    help: String,
    label: String,
    src: Option<NamedText>,
    span: Option<SourceSpan>,
    severity: Severity,
    /// Made from a [`SourceError`]: the file was not read as text at all.
    unread: bool,
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

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
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

    /// The kebab-case name of the code (`encoding-unsupported`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Its severity: an error, unless the config says otherwise.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether the file could not be read as text at all (unreadable, not text or in an
    /// unsupported encoding, a damaged Word file: a source error, E001, E002, E005), rather than
    /// read and found not to be a plan.
    pub fn is_unread(&self) -> bool {
        self.unread
    }

    /// The same diagnostic at another severity (`severity: {E003: warning}` in the config).
    #[must_use]
    pub fn with_severity(self, severity: Severity) -> Self {
        Self { severity, ..self }
    }

    /// What is wrong, localized. When the problem has no place in the file, the message starts
    /// with the path (so that the human rendering names the file).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, localized.
    pub fn help(&self) -> &str {
        &self.help
    }

    /// The text of the label at the place, localized.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The place, as a byte range of [`InputDiagnostic::text`], when there is one.
    pub fn span(&self) -> Option<SourceSpan> {
        self.span
    }

    /// The text the place points into (the file as decoded, possibly with replacement
    /// characters), when there is one.
    pub fn text(&self) -> Option<&NamedText> {
        self.src.as_ref()
    }

    /// A file that could not be decoded. `bytes` is the file, when it was read.
    pub fn from_source_error(path: &str, err: &SourceError, bytes: Option<&[u8]>, lang: Lang) -> Self {
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
                (Some(NamedText::new(path, Arc::from(t))), Some(SourceSpan::new(o.into(), len)))
            }
            _ => (None, None),
        };
        let label = lang.pick("ở đây", "here");
        let (message, help) = (err.message(), err.help());
        let d = Self::located(path, (err.code(), err.name()), [message.get(lang), help.get(lang), label], src, span);
        Self { unread: true, ..d }
    }

    /// A text file that is not a plan.
    pub fn from_extract_error(path: &str, err: &ExtractError, text: &str, lang: Lang) -> Self {
        let first_line = text.lines().find(|l| !l.trim().is_empty());
        let (src, span) = match (err, first_line) {
            (ExtractError::NotAPlan { .. }, Some(line)) => {
                let start = text.find(line).unwrap_or(0);
                (Some(NamedText::new(path, Arc::from(text))), Some(SourceSpan::new(start.into(), line.len())))
            }
            _ => (None, None),
        };
        let label = lang.pick("tệp bắt đầu ở đây", "the file starts here");
        let (message, help) = (err.message(), err.help());
        Self::located(path, (err.code(), err.name()), [message.get(lang), help.get(lang), label], src, span)
    }

    /// An error-level diagnostic from its `[message, help, label]`; without a place to point at,
    /// the message names the file.
    fn located(
        path: &str,
        (code, name): (&'static str, &'static str),
        [message, help, label]: [&str; 3],
        src: Option<NamedText>,
        span: Option<SourceSpan>,
    ) -> Self {
        let message = if span.is_none() { format!("{path}: {message}") } else { message.to_owned() };
        Self {
            code,
            name,
            message,
            help: help.to_owned(),
            label: label.to_owned(),
            src,
            span,
            severity: Severity::Error,
            unread: false,
        }
    }
}

/// A finding on a plan, ready for miette to draw on the plan's text.
#[derive(Debug)]
pub struct FindingDiagnostic {
    code: String,
    message: String,
    help: String,
    severity: Severity,
    labels: Vec<LabeledSpan>,
    src: NamedText,
}

impl FindingDiagnostic {
    /// A finding on a file; `src` is its name and original text.
    pub fn new(src: &NamedText, f: &Finding) -> Self {
        let text = src.text();
        let span = |s: crate::source::Span| {
            let start = s.start.min(text.len());
            SourceSpan::new(start.into(), s.end.clamp(start, text.len()) - start)
        };
        let mut labels = vec![LabeledSpan::new_primary_with_span(None, span(f.span))];
        labels.extend(f.labels.iter().map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), span(l.span))));
        Self {
            code: format!("{}({})", f.code, f.name),
            message: f.message.clone(),
            help: f.help.clone(),
            severity: f.severity,
            labels,
            src: src.clone(),
        }
    }
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// The closing line of a run: `3 lỗi, 5 cảnh báo, 2 gợi ý trong 2 tệp`.
/// `unread` of the `files` could not be read at all (E001, E002, E005): named after the counts.
pub fn summary_line(errors: usize, warnings: usize, infos: usize, files: usize, unread: usize, lang: Lang) -> String {
    if lang.is_en() {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut line = format!(
            "{}, {}, {} in {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(infos, "info", "infos"),
            plural(files, "file", "files")
        );
        if unread > 0 {
            line.push_str(&format!("; {} could not be read", plural(unread, "file", "files")));
        }
        line
    } else {
        let mut line = format!("{errors} lỗi, {warnings} cảnh báo, {infos} gợi ý trong {files} tệp");
        if unread > 0 {
            line.push_str(&format!("; {unread} tệp không đọc được"));
        }
        line
    }
}

/// The most bytes one drawing (a finding, an error) may take. A drawing within the snippet
/// limits ([`SNIPPET_LINE_CHARS`], [`SNIPPET_CONTEXT_CHARS`], [`SNIPPET_SPAN_LINES`],
/// [`MAX_LABELS`], [`MAX_TEXT_CHARS`]) that is still larger is drawn again with a few characters
/// and lines around each place, and cut at this size if even that is larger.
pub const MAX_RENDERED_BYTES: usize = 64 * 1024;

/// Render a finding on its file's text, as [`render`] draws its [`FindingDiagnostic`].
pub fn render_finding(src: &NamedText, f: &Finding, color: bool, width: usize) -> String {
    draw(&FindingDiagnostic::new(src, f), Some(src), color, width)
}

/// Render a diagnostic as miette draws it: with colour and Unicode when `color`, else plain
/// (no colour, Unicode box drawing, for logs and tests); its snippets windowed (see the module
/// documentation) and the whole at most [`MAX_RENDERED_BYTES`].
///
/// Messages and help wrap at ASCII spaces only: Vietnamese separates syllables with spaces, and
/// the Unicode line-break rules (miette's default) also break after `/`, which cut document
/// symbols such as `141/KH-UBND` across two lines.
pub fn render(diagnostic: &dyn Diagnostic, color: bool, width: usize) -> String {
    draw(diagnostic, None, color, width)
}

/// [`render`], reading the diagnostic's own source through `text` when it is given.
fn draw(diagnostic: &dyn Diagnostic, text: Option<&NamedText>, color: bool, width: usize) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_syntax_highlighting()
        .with_width(width)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace);
    let draw = |limits: window::Limits| {
        let mut out = String::new();
        if handler.render_report(&mut out, &window::Windowed::new(diagnostic, text, limits)).is_err() {
            out = format!("{diagnostic}\n");
        }
        out
    };
    let out = draw(window::Limits::NORMAL);
    if out.len() <= MAX_RENDERED_BYTES {
        return out;
    }
    let mut out = draw(window::Limits::TIGHT);
    if out.len() > MAX_RENDERED_BYTES {
        let mut cut = MAX_RENDERED_BYTES - 16;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str(if color { "\x1b[0m…\n" } else { "…\n" });
    }
    out
}

//! Errors in rule files: located on the rule file's own text, in both languages, all errors of
//! all files reported together.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceSpan};

use crate::lang::{Bilingual, Lang};
use crate::source::{NamedText, Span};

/// A text in Vietnamese and English, in short: [`Bilingual::new`].
pub(crate) fn words(vi: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::new(vi, en)
}

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// A stable kebab-case name (`unknown-field`).
    pub(crate) kind: &'static str,
    pub(crate) span: Span,
    pub(crate) message: Bilingual,
    pub(crate) label: Option<Bilingual>,
    pub(crate) help: Option<Bilingual>,
    /// Other places in the same file that explain it.
    pub(crate) related: Vec<(Span, Bilingual)>,
}

impl Problem {
    pub(crate) fn new(kind: &'static str, span: Span, message: Bilingual) -> Self {
        Self { kind, span, message, label: None, help: None, related: Vec::new() }
    }

    pub(crate) fn label(mut self, label: Bilingual) -> Self {
        self.label = Some(label);
        self
    }

    pub(crate) fn help(mut self, help: Bilingual) -> Self {
        self.help = Some(help);
        self
    }

    pub(crate) fn also(mut self, span: Span, label: Bilingual) -> Self {
        self.related.push((span, label));
        self
    }
}

/// The problems of one rule file.
#[derive(Debug, Clone)]
pub(crate) struct FileProblems {
    pub(crate) path: String,
    pub(crate) text: Arc<str>,
    pub(crate) problems: Vec<Problem>,
}

/// Everything wrong with a set of rule files. Nothing runs until they are fixed.
#[derive(Debug, Clone)]
pub struct RuleFileErrors {
    pub(crate) files: Vec<FileProblems>,
}

impl RuleFileErrors {
    /// How many problems there are.
    pub fn count(&self) -> usize {
        self.files.iter().map(|f| f.problems.len()).sum()
    }

    /// Each problem as a diagnostic on its file's text, in a language.
    pub fn diagnostics(&self, lang: Lang) -> Vec<RuleFileDiagnostic> {
        let pick = |w: &Bilingual| w.get(lang).to_owned();
        let mut out = Vec::new();
        for file in &self.files {
            let named = NamedText::new(file.path.clone(), Arc::clone(&file.text));
            for p in &file.problems {
                let src = named.clone();
                let span = clamp(p.span, &file.text);
                let mut labels = vec![LabeledSpan::new_with_span(p.label.as_ref().map(pick), span)];
                labels.extend(
                    p.related.iter().map(|(s, w)| LabeledSpan::new_with_span(Some(pick(w)), clamp(*s, &file.text))),
                );
                out.push(RuleFileDiagnostic {
                    code: format!("rule-file::{}", p.kind),
                    message: pick(&p.message),
                    help: p.help.as_ref().map(pick),
                    labels,
                    src,
                });
            }
        }
        out
    }
}

/// A span inside the text, on character boundaries.
fn clamp(span: Span, text: &str) -> SourceSpan {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    SourceSpan::new(start.into(), end - start)
}

impl fmt::Display for RuleFileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) in rule files", self.count())
    }
}

impl std::error::Error for RuleFileErrors {}

/// One rule-file problem, ready for miette to draw.
#[derive(Debug)]
pub struct RuleFileDiagnostic {
    code: String,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    src: NamedText,
}

impl fmt::Display for RuleFileDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleFileDiagnostic {}

impl Diagnostic for RuleFileDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

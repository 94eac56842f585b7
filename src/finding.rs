//! Findings: what a rule reports about a plan. Plain data, rendered by `report`.

use serde::Serialize;

use crate::source::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed.
    Error,
}

impl Severity {
    /// The name used in rule files, config and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Which group of a reviewer's findings a rule belongs to: *thể thức* (the format rules of
/// Nghị định 30/2020/NĐ-CP and the Party's rules) or *nội dung* (content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize)]
pub enum Category {
    /// Format (thể thức): header, symbol, date line, signature, recipients, presentation.
    #[serde(rename = "the-thuc")]
    TheThuc,
    /// Content (nội dung): tasks, targets, legal references; also input problems.
    #[default]
    #[serde(rename = "noi-dung")]
    NoiDung,
}

impl Category {
    /// The name used in rule files, `--select` and output (`the-thuc`, `noi-dung`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::TheThuc => "the-thuc",
            Category::NoiDung => "noi-dung",
        }
    }

    /// A heading for the group in human output.
    pub fn title(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Category::TheThuc => lang.pick("Thể thức", "Format (thể thức)"),
            Category::NoiDung => lang.pick("Nội dung", "Content (nội dung)"),
        }
    }

    /// Read a category name as written on the command line (`the-thuc`, `thể-thức`, `noi-dung`).
    pub fn parse(written: &str) -> Option<Self> {
        match crate::text::fold_text(written).replace([' ', '_'], "-").as_str() {
            "the-thuc" => Some(Category::TheThuc),
            "noi-dung" => Some(Category::NoiDung),
            _ => None,
        }
    }
}

/// A secondary place a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it shows, in the language of the run.
    pub message: String,
}

/// One finding of one rule in one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule code (`T101`).
    pub code: String,
    /// The rule name (`task-lead-missing`).
    pub name: String,
    /// The severity at the run's stage.
    pub severity: Severity,
    /// The rule's category (`the-thuc` or `noi-dung`).
    pub category: Category,
    /// What is wrong, in the language of the run.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where.
    pub span: Span,
    /// Other places that explain it.
    pub labels: Vec<Label>,
}

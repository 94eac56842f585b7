//! The typed syntax tree of a rule file. Every node keeps its span in the rule file. No pest
//! type appears here.

use serde::{Deserialize, Serialize};

use crate::model::Decimal;
use crate::source::Span;

/// The built-in rule files are lowered at build time (see `src/build.rs`) and their trees
/// embedded as JSON; a number goes as its exact text, never through a float.
mod decimal_text {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::Decimal;

    pub(super) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        Decimal::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a number")))
    }
}

/// A value with the span it was written at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// A string literal: its value, and where each part of the value was written (escapes make the
/// two differ), so an error inside a message template points at the right characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Str {
    pub(crate) value: String,
    pub(crate) span: Span,
    /// (offset in `value`, offset in the file) at the start of each unescaped run.
    pub(crate) map: Vec<(usize, usize)>,
}

impl Str {
    /// The file span of `[start, end)` of the value.
    pub(crate) fn span_of(&self, start: usize, end: usize) -> Span {
        Span::new(self.file_offset(start), self.file_offset(end))
    }

    fn file_offset(&self, off: usize) -> usize {
        let idx = self.map.partition_point(|&(v, _)| v <= off);
        match idx.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(v, f)) => f + (off - v),
            None => self.span.start,
        }
    }
}

/// A severity level as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Level {
    Error,
    Warning,
    Info,
    Off,
}

/// A rule category as written (`category the-thuc`); `finding::Category` at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Category {
    TheThuc,
    NoiDung,
}

/// Severity by stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SeveritySpec {
    pub(crate) draft: Level,
    pub(crate) final_: Level,
    pub(crate) span: Span,
}

/// Text in both languages (either may be missing until checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TextPair {
    pub(crate) vi: Option<Str>,
    pub(crate) en: Option<Str>,
    pub(crate) span: Span,
}

/// Sections of a rule's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum DocKey {
    What,
    Why,
    Basis,
    Bad,
    Good,
}

/// A documentation section: bilingual prose, or one text (examples).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum DocText {
    Bilingual(TextPair),
    Plain(Str),
}

/// A rule declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RuleDecl {
    pub(crate) code: Spanned<String>,
    pub(crate) name: Spanned<String>,
    pub(crate) severity: Vec<SeveritySpec>,
    /// `category the-thuc` / `category noi-dung` (content when absent).
    pub(crate) category: Vec<Spanned<Category>>,
    pub(crate) summary: Vec<TextPair>,
    pub(crate) message: Vec<TextPair>,
    pub(crate) help: Vec<TextPair>,
    pub(crate) doc: Vec<(Spanned<DocKey>, DocText)>,
    pub(crate) docs_seen: usize,
    pub(crate) checks: Vec<Check>,
    pub(crate) tests: Vec<TestCase>,
    pub(crate) span: Span,
}

/// A top-level item of a rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Item {
    Rule(Box<RuleDecl>),
    Override { code: Spanned<String>, severity: SeveritySpec, span: Span },
    Disable { code: Spanned<String>, span: Span },
}

/// A check pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Check {
    pub(crate) clauses: Vec<Clause>,
    pub(crate) report: Report,
    pub(crate) span: Span,
}

/// A clause of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Clause {
    For { var: Spanned<String>, list: Expr },
    Where(Expr),
    Let { var: Spanned<String>, value: Expr },
}

/// The report of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Report {
    pub(crate) at: Expr,
    /// `severity …` after the places: the most serious this report may be.
    pub(crate) cap: Option<Spanned<Level>>,
    pub(crate) also: Vec<(Expr, Option<Label>)>,
    pub(crate) message: Option<TextPair>,
    pub(crate) span: Span,
}

/// The label of a secondary place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Label {
    Bilingual(TextPair),
    Plain(Str),
}

/// An inline test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TestCase {
    pub(crate) name: Str,
    pub(crate) plans: Vec<TestPlan>,
    pub(crate) stage: Option<Spanned<String>>,
    pub(crate) expects: Vec<Expect>,
    pub(crate) span: Span,
}

/// The plan a test runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TestPlan {
    Inline { markdown: bool, text: Str },
    File { path: Str },
}

/// What a test expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Expect {
    None { code: Spanned<String> },
    Some { code: Spanned<String>, lines: Vec<Spanned<usize>> },
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Matches,
    Add,
    Sub,
}

impl BinOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
            BinOp::NotIn => "not in",
            BinOp::Matches => "matches",
            BinOp::Add => "+",
            BinOp::Sub => "-",
        }
    }
}

/// `is empty`, `is missing` and their negations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TestOp {
    Empty,
    NotEmpty,
    Missing,
    NotMissing,
}

/// Quantifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum QuantKind {
    Any,
    All,
    Count,
    First,
}

/// An expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Expr {
    pub(crate) kind: ExprKind,
    pub(crate) span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ExprKind {
    Num(#[serde(with = "decimal_text")] Decimal),
    Str(Str),
    Bool(bool),
    Regex { pattern: String, ignore_case: bool },
    Var(String),
    Field(Box<Expr>, Spanned<String>),
    Call(Spanned<String>, Vec<Expr>),
    List(Vec<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Test(TestOp, Box<Expr>),
    Quant { kind: QuantKind, var: Spanned<String>, list: Box<Expr>, cond: Box<Expr> },
}

//! Checked rules, ready to run: names resolved to slots, fields to accessors, functions to
//! implementations, regular expressions compiled. Built by `check.rs`, run by `eval.rs`.

use super::ast::{DocKey, Level, QuantKind, TestCase, TestOp};
use super::schema::{FieldDef, FnDef};
use super::value::KeyKind;
use crate::lang::Bilingual;
use crate::model::Decimal;
use crate::source::Span;

/// An expression node. `deps` has bit `n` set when the node reads slot `n`; a node that reads no
/// slot has the same value for the whole plan and may be cached (`cache`).
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) op: Op,
    pub(crate) span: Span,
    pub(crate) deps: u64,
    pub(crate) cache: Option<u32>,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Operations.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Plan,
    Num(Decimal),
    Str(String),
    Bool(bool),
    Slot(u16),
    Field(Box<Node>, &'static FieldDef),
    Call(&'static FnDef, Vec<Node>),
    List(Vec<Node>),
    Not(Box<Node>),
    Neg(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    /// A comparison; `key` says how an index would key its sides (`None` when a side's type is
    /// unknown).
    Cmp {
        op: CmpOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
        key: Option<KeyKind>,
    },
    In {
        item: Box<Node>,
        list: Box<Node>,
        negated: bool,
    },
    Matches(Box<Node>, u32),
    Arith {
        sub: bool,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    Test(TestOp, Box<Node>),
    Quant {
        kind: QuantKind,
        slot: u16,
        list: Box<Node>,
        cond: Box<Node>,
        join: Option<Join>,
    },
}

/// A quantifier whose condition includes `inner == outer`, where `inner` depends only on the
/// quantified element and `outer` not at all: the elements are indexed by `inner` once per plan
/// and only those whose key equals `outer` are tried (a hash join instead of a scan).
#[derive(Debug, Clone)]
pub(crate) struct Join {
    pub(crate) index: u32,
    pub(crate) key: KeyKind,
    pub(crate) inner: Box<Node>,
    pub(crate) outer: Box<Node>,
}

/// A clause of a checked pipeline.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    For { slot: u16, list: Node },
    Where(Node),
    Let { slot: u16, value: Node },
}

/// A message with its `{…}` placeholders.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    pub(crate) parts: Vec<Part>,
    /// The length of its literal parts (a start for the rendered message's capacity).
    pub(crate) len: usize,
}

/// A piece of a template.
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Lit(String),
    Expr(Node),
}

/// A template in both languages (English falls back to Vietnamese).
#[derive(Debug, Clone, Default)]
pub(crate) struct Texts {
    pub(crate) vi: Template,
    pub(crate) en: Option<Template>,
}

/// A checked pipeline.
#[derive(Debug, Clone)]
pub(crate) struct CheckProgram {
    pub(crate) steps: Vec<Step>,
    pub(crate) slots: usize,
    pub(crate) at: Node,
    /// Where a finding points when `at` has no place: the values `at` is a field of, nearest
    /// first, the first located one.
    pub(crate) enclosing: Vec<Node>,
    /// The slot of the first loop variable: where a finding points when neither `at` nor an
    /// enclosing value has a place (then the plan's title).
    pub(crate) fallback: Option<u16>,
    pub(crate) also: Vec<(Node, Option<Texts>)>,
    /// The most serious its findings may be (`report … severity info`).
    pub(crate) cap: Option<Level>,
    pub(crate) message: Texts,
    pub(crate) help: Texts,
}

/// A rule's severity at each stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Severities {
    pub(crate) draft: Level,
    pub(crate) final_: Level,
}

/// A checked rule.
#[derive(Debug, Clone)]
pub(crate) struct RuleProgram {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) builtin: bool,
    pub(crate) severity: Severities,
    pub(crate) category: crate::finding::Category,
    pub(crate) summary: Bilingual,
    pub(crate) message: Bilingual,
    pub(crate) help: Bilingual,
    pub(crate) doc: Vec<(DocKey, Bilingual)>,
    pub(crate) checks: Vec<CheckProgram>,
    pub(crate) tests: Vec<TestCase>,
    /// The rule file's text (tests report lines in it).
    pub(crate) source: std::sync::Arc<str>,
}

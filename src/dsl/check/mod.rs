//! Static checking: a rule's AST becomes a [`RuleProgram`] or a list of located problems.
//! Names resolve to slots, fields and functions to the schema, types are checked, regular
//! expressions compiled, message placeholders parsed. Every problem is collected; nothing stops
//! at the first.
//!
//! This file holds the checker's state (the [`Checker`], the scope of a check, what all rules of
//! a set share) and the walk over one rule; each job has its file: `names.rs` (variables and
//! did-you-mean), `typing.rs` (type-checking expressions into program nodes), `texts.rs`
//! (messages, help, labels and documentation), `rule_tests.rs` (a rule's inline tests) and
//! `caches.rs` (after checking: shared computations get cache slots).

use std::collections::HashMap;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use super::ast::{
    BinOp, Check, Clause, DocKey, DocText, Expect, Expr, ExprKind, Label, Level, QuantKind, RuleDecl, Str, TestCase,
    TestPlan, TextPair,
};
use super::error::{Problem, words};
use super::lower::{LowerError, lower_placeholder, placeholder_end};
use super::program::{CheckProgram, CmpOp, Join, Node, Op, Part, RuleProgram, Severities, Step, Template, Texts};
use super::schema::{self, Elem, Kind, Ty};
use super::syntax::SyntaxError;
use super::value::KeyKind;
use crate::lang::Bilingual;
use crate::source::Span;

mod caches;
mod names;
mod rule_tests;
mod texts;
mod typing;

pub(crate) use caches::assign_caches;
use caches::canon;
pub(crate) use names::suggest;
use names::*;
use texts::*;
use typing::*;

/// The most names one check may bind (each takes a bit of a dependency mask).
const MAX_SLOTS: usize = 63;
/// Limits for regular expressions in rule files.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_NEST_LIMIT: u32 = 64;

/// Things shared by all rules of a rule set: compiled regular expressions and index numbers.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub(crate) regexes: Vec<crate::regexes::Compiled>,
    regex_ids: HashMap<(String, bool), u32>,
    pub(crate) indexes: u32,
    /// Message placeholders already parsed, by their text, with spans from 0: the Vietnamese
    /// and English messages, and several checks, mostly repeat the same few.
    pub(crate) placeholders: HashMap<String, super::ast::Expr>,
    /// Index numbers by what they index: joins over the same list on the same key (T101's and
    /// T102's `other.table == task.table`) share one index per plan.
    index_ids: HashMap<String, u32>,
}

/// A syntax error as a problem.
pub(crate) fn syntax_problem(e: &SyntaxError) -> Problem {
    let vi: Vec<&str> = e.expected.iter().map(|(v, _)| *v).collect();
    let en: Vec<&str> = e.expected.iter().map(|(_, en)| *en).collect();
    let (found_vi, found_en) = match &e.found {
        Some(t) => (format!("`{t}`"), format!("`{t}`")),
        None => ("cuối tệp".to_owned(), "the end of the file".to_owned()),
    };
    let message = if e.expected.is_empty() {
        words(format!("lỗi cú pháp ở {found_vi}"), format!("syntax error at {found_en}"))
    } else {
        words(
            format!("lỗi cú pháp: cần {}, nhưng gặp {found_vi}", join_words(&vi, true)),
            format!("syntax error: expected {}, found {found_en}", join_words(&en, false)),
        )
    };
    let mut p = Problem::new("syntax", e.span, message)
        .label(words(format!("cần {}", join_words(&vi, true)), format!("expected {}", join_words(&en, false))));
    // The commonest slip: a keyword used as a name.
    if let Some(t) = &e.found
        && super::syntax::is_reserved(t)
    {
        p = p.help(words(
            format!("`{t}` là từ khóa của ngôn ngữ quy tắc, không dùng làm tên được; hãy chọn tên khác"),
            format!("`{t}` is a keyword of the rule language and cannot be a name; choose another name"),
        ));
    }
    p
}

/// A name in scope.
#[derive(Debug)]
struct Var {
    name: String,
    slot: u16,
    ty: Ty,
    span: Span,
    used: bool,
}

/// The names visible in a check.
#[derive(Debug, Default)]
struct Scope {
    vars: Vec<Var>,
    /// Indexes into `vars` of the names visible now (a quantifier's variable leaves when its
    /// condition ends).
    visible: Vec<usize>,
}

impl Scope {
    fn lookup(&mut self, name: &str) -> Option<&mut Var> {
        let idx = self.visible.iter().rev().copied().find(|&i| self.vars.get(i).is_some_and(|v| v.name == name))?;
        self.vars.get_mut(idx)
    }

    fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> =
            self.visible.iter().filter_map(|&i| self.vars.get(i)).map(|v| v.name.as_str()).collect();
        names.push("plan");
        names
    }
}

/// Compiles the rules of one file.
pub(crate) struct Checker<'a> {
    pub(crate) problems: Vec<Problem>,
    shared: &'a mut Shared,
}

/// Parts of a rule the checks use.
struct RuleTexts {
    message: Option<(Vec<TPart>, Option<Vec<TPart>>)>,
    help: Option<(Vec<TPart>, Option<Vec<TPart>>)>,
}

/// A template before its placeholders are checked.
#[derive(Debug, Clone)]
enum TPart {
    Lit(String),
    Expr(Expr),
}

impl<'a> Checker<'a> {
    pub(crate) fn new(shared: &'a mut Shared) -> Self {
        Self { problems: Vec::new(), shared }
    }

    fn problem(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Check a rule declaration.
    pub(crate) fn rule(
        &mut self,
        decl: &mut RuleDecl,
        path: &str,
        text: &Arc<str>,
        builtin: bool,
    ) -> Option<RuleProgram> {
        let before = self.problems.len();
        let name_span = decl.name.span;
        let severity = self.one(&decl.severity, |s| s.span, name_span, "severity", "severity error");
        let category = match decl.category.as_slice() {
            [] => crate::finding::Category::default(),
            all => match self.one(all, |c| c.span, name_span, "category", "category the-thuc").map(|c| c.value) {
                Some(super::ast::Category::TheThuc) => crate::finding::Category::TheThuc,
                _ => crate::finding::Category::NoiDung,
            },
        };
        let summary = self.one(&decl.summary, |b| b.span, name_span, "summary", "summary { vi \"…\" en \"…\" }");
        let message = self.one(&decl.message, |b| b.span, name_span, "message", "message { vi \"…\" en \"…\" }");
        let help = self.one(&decl.help, |b| b.span, name_span, "help", "help { vi \"…\" en \"…\" }");
        let summary = summary.and_then(|b| self.bilingual(b, "summary"));
        let message_bi = message.and_then(|b| self.bilingual(b, "message"));
        let help_bi = help.and_then(|b| self.bilingual(b, "help"));
        if let Some(s) = summary.as_ref().and_then(|_| decl.summary.first()) {
            self.no_placeholders(s);
        }
        let doc = self.doc(decl);
        if decl.checks.is_empty() {
            self.problem(
                Problem::new(
                    "missing-check",
                    name_span,
                    words(
                        format!("quy tắc `{}` không có `check`", decl.code.value),
                        format!("rule `{}` has no `check`", decl.code.value),
                    ),
                )
                .help(words(
                    "thêm `check { for task in plan.tasks where … report at … }`",
                    "add `check { for task in plan.tasks where … report at … }`",
                )),
            );
        }
        let texts = RuleTexts {
            message: message.and_then(|b| self.template_pair(b)),
            help: help.and_then(|b| self.template_pair(b)),
        };
        let checks: Vec<CheckProgram> = decl.checks.iter().filter_map(|c| self.check(c, &texts)).collect();
        self.tests(decl);
        if self.problems.len() > before {
            return None;
        }
        let sev = severity.map(|s| Severities { draft: s.draft, final_: s.final_ })?;
        Some(RuleProgram {
            code: decl.code.value.clone(),
            name: decl.name.value.clone(),
            path: path.to_owned(),
            builtin,
            severity: sev,
            category,
            summary: summary?,
            message: message_bi?,
            help: help_bi?,
            doc,
            checks,
            tests: std::mem::take(&mut decl.tests),
            source: Arc::clone(text),
        })
    }

    /// Exactly one of a part: a problem when there is none or more than one.
    fn one<'d, T>(
        &mut self,
        items: &'d [T],
        span: impl Fn(&T) -> Span,
        rule_span: Span,
        what: &str,
        example: &str,
    ) -> Option<&'d T> {
        match items {
            [] => {
                self.problem(
                    Problem::new(
                        "missing-part",
                        rule_span,
                        words(format!("quy tắc thiếu `{what}`"), format!("the rule has no `{what}`")),
                    )
                    .help(words(format!("thêm `{example}`"), format!("add `{example}`"))),
                );
                None
            }
            [first, rest @ ..] => {
                for r in rest {
                    self.problem(
                        Problem::new(
                            "duplicate-part",
                            span(r),
                            words(format!("`{what}` được viết hai lần"), format!("`{what}` is given twice")),
                        )
                        .label(words("lần thứ hai", "second"))
                        .also(span(first), words("lần đầu ở đây", "first here")),
                    );
                }
                Some(first)
            }
        }
    }

    fn check(&mut self, check: &Check, texts: &RuleTexts) -> Option<CheckProgram> {
        let before = self.problems.len();
        let mut scope = Scope::default();
        let mut steps = Vec::new();
        let mut fallback = None;
        // The values `let` gives names to, for the places a finding falls back on.
        let mut lets: HashMap<u16, Node> = HashMap::new();
        for clause in &check.clauses {
            match clause {
                Clause::For { var, list } => {
                    let (n, ty) = self.expr(list, &mut scope);
                    let elem = match ty {
                        Ty::List(e) => e.ty(),
                        Ty::Any => Ty::Any,
                        other => {
                            let (vi, en) = ty_words(other);
                            self.problem(
                                Problem::new(
                                    "type",
                                    list.span,
                                    words(
                                        format!("`for` cần một danh sách, đây là {vi}"),
                                        format!("`for` needs a list; this is a {en}"),
                                    ),
                                )
                                .help(words(
                                    "lặp trên một danh sách như `plan.tasks`, `plan.citations`, `task.leads`",
                                    "loop over a list such as `plan.tasks`, `plan.citations`, `task.leads`",
                                )),
                            );
                            Ty::Any
                        }
                    };
                    if let Some(slot) = self.bind(&mut scope, var, elem) {
                        fallback = fallback.or(Some(slot));
                        steps.push(Step::For { slot, list: n });
                    }
                }
                Clause::Where(e) => {
                    let n = self.condition(e, &mut scope, "where");
                    steps.push(Step::Where(n));
                }
                Clause::Let { var, value } => {
                    let (n, ty) = self.expr(value, &mut scope);
                    if let Some(slot) = self.bind(&mut scope, var, ty) {
                        lets.insert(slot, n.clone());
                        steps.push(Step::Let { slot, value: n });
                    }
                }
            }
        }
        let report = &check.report;
        let at = self.place(&report.at, &mut scope);
        let enclosing = enclosing_places(&at, &lets);
        let mut also = Vec::new();
        for (place, label) in &report.also {
            let n = self.place(place, &mut scope);
            let label = label.as_ref().and_then(|l| self.label_texts(l, &mut scope));
            also.push((n, label));
        }
        let own = report.message.as_ref().and_then(|b| {
            self.bilingual(b, "message")?;
            self.template_pair(b)
        });
        let message = self.pair(own.as_ref().or(texts.message.as_ref()), &mut scope);
        let help = self.pair(texts.help.as_ref(), &mut scope);
        let vars = std::mem::take(&mut scope.vars);
        for v in &vars {
            self.unused(v);
        }
        if self.problems.len() > before {
            return None;
        }
        if let Some(c) = &report.cap
            && c.value == Level::Off
        {
            self.problem(
                Problem::new(
                    "bad-severity",
                    c.span,
                    words("`report … severity off` sẽ không bao giờ báo", "`report … severity off` would never report"),
                )
                .help(words(
                    "bỏ hẳn `report` này, hoặc chọn `info`/`warning`",
                    "remove this check, or choose `info`/`warning`",
                )),
            );
            return None;
        }
        Some(CheckProgram {
            steps,
            slots: vars.len(),
            at,
            enclosing,
            fallback,
            also,
            cap: report.cap.as_ref().map(|c| c.value),
            message,
            help,
        })
    }
}

/// Where a finding points when its `report at` value is missing (a field the plan does not
/// have): the values it is a field of, nearest first (`task.result` → `task`;
/// `plan.recipients.heading` → `plan.recipients` → `plan`), also through a `let` name given to
/// such a field.
fn enclosing_places(at: &Node, lets: &HashMap<u16, Node>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut current = at;
    // Each `let` names only earlier values, so this ends; the bound is a second guard.
    for _ in 0..64 {
        match &current.op {
            Op::Field(base, _) => {
                out.push(base.as_ref().clone());
                current = base;
            }
            Op::Slot(slot) => match lets.get(slot) {
                Some(value) => current = value,
                None => break,
            },
            _ => break,
        }
    }
    out
}

fn internal_problem(span: Span, what: &str) -> Problem {
    Problem::new(
        "internal",
        span,
        words(format!("lỗi nội bộ của planlint khi đọc {what}"), format!("planlint internal error reading {what}")),
    )
    .help(words("xin báo lỗi này cho người phát triển planlint", "please report this to planlint's developers"))
}

/// An internal lowering error as a problem.
pub(crate) fn lower_problem(e: &LowerError) -> Problem {
    match e {
        LowerError::Syntax(s) => syntax_problem(s),
        LowerError::Internal(i) => internal_problem(i.span, i.what),
    }
}

/// The severity a rule has at a stage.
pub(crate) fn level_at(s: Severities, final_stage: bool) -> Level {
    if final_stage { s.final_ } else { s.draft }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("lesd", ["lead", "leads", "content"]), Some("lead"));
        assert_eq!(suggest("taks", ["task", "plan"]), Some("task"));
        assert_eq!(suggest("lenght", ["len", "lower"]), Some("len"));
        assert_eq!(suggest("conditonal", ["conditional", "continuous"]), Some("conditional"));
        assert_eq!(suggest("xyz", ["lead", "task"]), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    /// Every character the fast path takes is NFC on its own and starts no composition.
    #[test]
    fn plainly_nfc_characters_need_no_normalization() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let plain: Vec<char> = (0..=0x2FFFu32).filter_map(char::from_u32).filter(|&c| plainly_nfc(c)).collect();
        assert!(plain.len() > 800);
        for c in plain {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", u32::from(c));
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", u32::from(c));
        }
        assert!(!plainly_nfc('\u{301}'));
        assert_eq!(nfc("Thu\u{309}y"), "Thủy");
        assert_eq!(nfc("Thủy – “lợi”"), "Thủy – “lợi”");
    }
}

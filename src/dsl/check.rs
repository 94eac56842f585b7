//! Static checking: a rule's AST becomes a [`RuleProgram`] or a list of located problems.
//! Names resolve to slots, fields and functions to the schema, types are checked, regular
//! expressions compiled, message placeholders parsed. Every problem is collected; nothing stops
//! at the first.

use std::collections::HashMap;
use std::sync::Arc;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::ast::{
    Bilingual, BinOp, Check, Clause, DocKey, DocText, Expect, Expr, ExprKind, Label, Level, QuantKind, RuleDecl, Str,
    TestCase, TestPlan,
};
use super::error::{Problem, Words, words};
use super::lower::{LowerError, lower_placeholder, placeholder_end};
use super::program::{Bi, CheckProgram, CmpOp, Join, Node, Op, Part, RuleProgram, Severities, Step, Template, Texts};
use super::schema::{self, Elem, Kind, Ty};
use super::syntax::SyntaxError;
use super::value::KeyKind;
use crate::source::Span;

/// The most names one check may bind (each takes a bit of a dependency mask).
const MAX_SLOTS: usize = 63;
/// Limits for regular expressions in rule files.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_NEST_LIMIT: u32 = 64;

/// Things shared by all rules of a rule set: compiled regular expressions and index numbers.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub(crate) regexes: Vec<Regex>,
    regex_ids: HashMap<(String, bool), u32>,
    pub(crate) indexes: u32,
    /// Message placeholders already parsed, by their text, with spans from 0: the Vietnamese
    /// and English messages, and several checks, mostly repeat the same few.
    pub(crate) placeholders: HashMap<String, super::ast::Expr>,
    /// Index numbers by what they index: joins over the same list on the same key (T101's and
    /// T102's `other.table == task.table`) share one index per plan.
    index_ids: HashMap<String, u32>,
}

/// Did-you-mean: the closest candidate within a third of the word's length (a swap of two
/// neighbouring letters counts as one edit), else a candidate the word starts with (`lenght` →
/// `len`).
pub(crate) fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        // Ties go to a candidate with the word's first letter (`T111` → `T101`, not `F111`), then
        // to the first in alphabetical order, whatever order the candidates came in.
        .min_by(|(d1, c1), (d2, c2)| {
            let other_initial = |c: &str| c.to_lowercase().chars().next() != lower.chars().next();
            d1.cmp(d2).then_with(|| other_initial(c1).cmp(&other_initial(c2))).then_with(|| c1.cmp(c2))
        })
        .map(|(_, c)| c);
    close.or_else(|| {
        candidates
            .iter()
            .filter(|c| c.chars().count() >= 3 && lower.starts_with(&c.to_lowercase()))
            .max_by_key(|c| c.len())
            .copied()
    })
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbouring characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        if let Some(x) = d.get_mut(at(i, 0)) {
            *x = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(x) = d.get_mut(at(0, j)) {
            *x = j;
        }
    }
    let get = |d: &[usize], i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (ca, cb) = (a.get(i - 1), b.get(j - 1));
            let cost = usize::from(ca != cb);
            let mut v = (get(&d, i - 1, j) + 1).min(get(&d, i, j - 1) + 1).min(get(&d, i - 1, j - 1) + cost);
            if i > 1 && j > 1 && ca == b.get(j - 2) && a.get(i - 2) == cb {
                v = v.min(get(&d, i - 2, j - 2) + 1);
            }
            if let Some(x) = d.get_mut(at(i, j)) {
                *x = v;
            }
        }
    }
    get(&d, a.len(), b.len())
}

/// An unknown field, function or value: *did you mean* when a candidate is close, else the list
/// of what there is.
fn unknown(
    kind: &'static str,
    span: Span,
    message: Words,
    label: Words,
    word: &str,
    candidates: &[&str],
    (list_vi, list_en): (&str, &str),
) -> Problem {
    let help = did_you_mean(suggest(word, candidates.iter().copied())).unwrap_or_else(|| {
        let list = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        words(format!("{list_vi}: {list}"), format!("{list_en}: {list}"))
    });
    Problem::new(kind, span, message).label(label).help(help)
}

fn did_you_mean(s: Option<&str>) -> Option<Words> {
    s.map(|s| words(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?")))
}

fn join_words(items: &[&str], vi: bool) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), if vi { "hoặc" } else { "or" }),
    }
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

fn node(op: Op, span: Span, deps: u64) -> Node {
    Node { op, span, deps, cache: None }
}

fn missing(span: Span) -> (Node, Ty) {
    (node(Op::Bool(false), span, 0), Ty::Any)
}

/// A `(vi, en)` description of a type.
fn ty_words(ty: Ty) -> (String, String) {
    ty.describe()
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

    fn bilingual(&mut self, b: &Bilingual, what: &str) -> Option<Bi> {
        match &b.vi {
            Some(vi) => Some(Bi { vi: nfc(&vi.value), en: b.en.as_ref().map(|e| nfc(&e.value)) }),
            None => {
                self.problem(
                    Problem::new(
                        "missing-vietnamese",
                        b.span,
                        words(format!("`{what}` thiếu tiếng Việt"), format!("`{what}` has no Vietnamese text")),
                    )
                    .help(words(
                        "người dùng đọc tiếng Việt trước: thêm `vi \"…\"`",
                        "users read Vietnamese first: add `vi \"…\"`",
                    )),
                );
                None
            }
        }
    }

    fn no_placeholders(&mut self, b: &Bilingual) {
        for s in [&b.vi, &b.en].into_iter().flatten() {
            if let Some(i) = s.value.find('{')
                && !s.value.get(i..).is_some_and(|r| r.starts_with("{{"))
            {
                self.problem(
                    Problem::new(
                        "placeholder-in-summary",
                        s.span_of(i, i + 1),
                        words("phần tóm tắt không có chỗ điền `{…}`", "a summary has no `{…}` placeholders"),
                    )
                    .help(words(
                        "tóm tắt mô tả quy tắc chung; đặt `{…}` trong `message`",
                        "the summary describes the rule in general; put `{…}` in `message`",
                    )),
                );
            }
        }
    }

    fn doc(&mut self, decl: &RuleDecl) -> Vec<(DocKey, Bi)> {
        let mut out: Vec<(DocKey, Bi)> = Vec::new();
        let mut seen: HashMap<DocKey, Span> = HashMap::new();
        for (key, text) in &decl.doc {
            if let Some(first) = seen.get(&key.value) {
                self.problem(
                    Problem::new(
                        "duplicate-part",
                        key.span,
                        words("mục tài liệu này được viết hai lần", "this documentation section is given twice"),
                    )
                    .also(*first, words("lần đầu ở đây", "first here")),
                );
                continue;
            }
            seen.insert(key.value, key.span);
            let bi = match text {
                DocText::Bilingual(b) => self.bilingual(b, "doc"),
                DocText::Plain(s) => Some(Bi { vi: nfc(&s.value), en: None }),
            };
            if let Some(bi) = bi {
                out.push((key.value, bi));
            }
        }
        for (key, name) in [(DocKey::What, "what"), (DocKey::Why, "why")] {
            if decl.docs_seen > 0 && !seen.contains_key(&key) {
                self.problem(
                    Problem::new(
                        "missing-doc",
                        decl.name.span,
                        words(
                            format!("tài liệu của quy tắc thiếu mục `{name}`"),
                            format!("the rule's doc has no `{name}`"),
                        ),
                    )
                    .help(words(
                        "mỗi quy tắc nói nó kiểm tra gì (`what`) và vì sao (`why`)",
                        "every rule says what it checks (`what`) and why it matters (`why`)",
                    )),
                );
            }
        }
        if decl.docs_seen == 0 {
            self.problem(
                Problem::new("missing-doc", decl.name.span, words("quy tắc thiếu `doc`", "the rule has no `doc`"))
                    .help(words(
                        "thêm `doc { what { vi \"…\" en \"…\" } why { vi \"…\" en \"…\" } }`",
                        "add `doc { what { vi \"…\" en \"…\" } why { vi \"…\" en \"…\" } }`",
                    )),
            );
        }
        out
    }

    /// Split a message into literal text and `{expr}` placeholders (parsed, not yet checked).
    fn template(&mut self, s: &Str) -> Option<Vec<TPart>> {
        let v = &s.value;
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut ok = true;
        let mut i = 0;
        while let Some(c) = v.get(i..).and_then(|r| r.chars().next()) {
            let rest = v.get(i..).unwrap_or_default();
            if rest.starts_with("{{") || rest.starts_with("}}") {
                lit.push(c);
                i += 2;
                continue;
            }
            if c == '}' {
                self.problem(
                    Problem::new(
                        "bad-placeholder",
                        s.span_of(i, i + 1),
                        words("dấu `}` lẻ trong thông điệp", "a lone `}` in a message"),
                    )
                    .help(words("viết `}}` để in dấu `}`", "write `}}` for a literal `}`")),
                );
                ok = false;
                i += 1;
                continue;
            }
            if c != '{' {
                lit.push(c);
                i += c.len_utf8();
                continue;
            }
            let Some(close) = placeholder_end(rest) else {
                self.problem(
                    Problem::new(
                        "bad-placeholder",
                        s.span_of(i, i + 1),
                        words("chỗ điền `{` không được đóng", "an unclosed `{` in a message"),
                    )
                    .help(words(
                        "đóng bằng `}`, hoặc viết `{{` để in dấu `{`",
                        "close it with `}`, or write `{{` for a literal `{`",
                    )),
                );
                ok = false;
                break;
            };
            let inner = rest.get(1..close).unwrap_or_default();
            if inner.trim().is_empty() {
                self.problem(Problem::new(
                    "bad-placeholder",
                    s.span_of(i, i + close + 1),
                    words("chỗ điền `{}` trống", "an empty `{}` placeholder"),
                ));
                ok = false;
            } else {
                let offset = s.span_of(i + 1, i + 1).start;
                if let Some(p) = super::limits::check_complexity(inner, offset) {
                    self.problem(p);
                    ok = false;
                    i += close + 1;
                    continue;
                }
                let parsed = match self.shared.placeholders.get(inner) {
                    Some(e) => {
                        let mut e = e.clone();
                        super::lower::shift(&mut e, offset);
                        Ok(e)
                    }
                    None => match lower_placeholder(inner, 0) {
                        Ok(mut e) => {
                            self.shared.placeholders.insert(inner.to_owned(), e.clone());
                            super::lower::shift(&mut e, offset);
                            Ok(e)
                        }
                        // Parsed again where it is, for the problem's place.
                        Err(_) => lower_placeholder(inner, offset),
                    },
                };
                match parsed {
                    Ok(e) => {
                        if !lit.is_empty() {
                            parts.push(TPart::Lit(std::mem::take(&mut lit)));
                        }
                        parts.push(TPart::Expr(e));
                    }
                    Err(LowerError::Syntax(e)) => {
                        self.problem(syntax_problem(&e));
                        ok = false;
                    }
                    Err(LowerError::Internal(e)) => {
                        self.problem(internal_problem(e.span, e.what));
                        ok = false;
                    }
                }
            }
            i += close + 1;
        }
        if !lit.is_empty() {
            parts.push(TPart::Lit(lit));
        }
        ok.then_some(parts)
    }

    fn template_pair(&mut self, b: &Bilingual) -> Option<(Vec<TPart>, Option<Vec<TPart>>)> {
        let vi = self.template(b.vi.as_ref()?)?;
        let en = match &b.en {
            Some(en) => Some(self.template(en)?),
            None => None,
        };
        Some((vi, en))
    }

    fn label_texts(&mut self, label: &Label, scope: &mut Scope) -> Option<Texts> {
        match label {
            Label::Plain(s) => {
                let t = self.template(s)?;
                Some(Texts { vi: self.compile_template(&t, scope), en: None })
            }
            Label::Bilingual(b) => {
                self.bilingual(b, "label")?;
                let (vi, en) = self.template_pair(b)?;
                Some(Texts {
                    vi: self.compile_template(&vi, scope),
                    en: en.map(|en| self.compile_template(&en, scope)),
                })
            }
        }
    }

    fn compile_template(&mut self, parts: &[TPart], scope: &mut Scope) -> Template {
        let parts: Vec<Part> = parts
            .iter()
            .map(|p| match p {
                TPart::Lit(s) => Part::Lit(nfc(s)),
                TPart::Expr(e) => {
                    let (n, ty) = self.expr(e, scope);
                    if let Ty::Rec(
                        k @ (Kind::Plan | Kind::Header | Kind::Signature | Kind::Recipients | Kind::Appendix),
                    ) = ty
                    {
                        let name = schema::kind_def(k).name;
                        self.problem(
                            Problem::new(
                                "placeholder-type",
                                e.span,
                                words(
                                    format!("`{name}` không có dạng chữ để điền vào thông điệp"),
                                    format!("a `{name}` has no text to put in a message"),
                                ),
                            )
                            .help(words(
                                "chọn một trường của nó, ví dụ `.span` hoặc `.title`",
                                "pick one of its fields",
                            )),
                        );
                    }
                    Part::Expr(n)
                }
            })
            .collect();
        let len = parts.iter().map(|p| if let Part::Lit(s) = p { s.len() } else { 0 }).sum();
        Template { parts, len }
    }

    fn pair(&mut self, pair: Option<&(Vec<TPart>, Option<Vec<TPart>>)>, scope: &mut Scope) -> Texts {
        match pair {
            Some((vi, en)) => Texts {
                vi: self.compile_template(vi, scope),
                en: en.as_ref().map(|en| self.compile_template(en, scope)),
            },
            None => Texts::default(),
        }
    }

    fn bind(&mut self, scope: &mut Scope, name: &super::ast::Spanned<String>, ty: Ty) -> Option<u16> {
        if name.value == "plan" {
            self.problem(
                Problem::new(
                    "bad-binding",
                    name.span,
                    words("tên `plan` đã dùng cho kế hoạch", "the name `plan` is taken by the plan"),
                )
                .help(words("chọn tên khác", "choose another name")),
            );
            return None;
        }
        if let Some(prev) = scope.visible.iter().filter_map(|&i| scope.vars.get(i)).find(|v| v.name == name.value) {
            let first = prev.span;
            self.problem(
                Problem::new(
                    "bad-binding",
                    name.span,
                    words(
                        format!("tên `{}` đã được đặt", name.value),
                        format!("the name `{}` is already bound", name.value),
                    ),
                )
                .also(first, words("đặt lần đầu ở đây", "first bound here"))
                .help(words("chọn tên khác", "choose another name")),
            );
            return None;
        }
        if scope.vars.len() >= MAX_SLOTS {
            self.problem(Problem::new(
                "too-many-names",
                name.span,
                words(
                    format!("một `check` đặt tối đa {MAX_SLOTS} tên"),
                    format!("a check binds at most {MAX_SLOTS} names"),
                ),
            ));
            return None;
        }
        let slot = u16::try_from(scope.vars.len()).ok()?;
        scope.visible.push(scope.vars.len());
        scope.vars.push(Var { name: name.value.clone(), slot, ty, span: name.span, used: false });
        Some(slot)
    }

    fn unused(&mut self, var: &Var) {
        if !var.used && !var.name.starts_with('_') {
            self.problem(
                Problem::new(
                    "unused-binding",
                    var.span,
                    words(format!("tên `{}` không được dùng", var.name), format!("`{}` is never used", var.name)),
                )
                .help(words(
                    format!("dùng nó, bỏ nó, hoặc đặt tên `_{}` nếu cố ý", var.name),
                    format!("use it, remove it, or call it `_{}` if that is intended", var.name),
                )),
            );
        }
    }

    fn check(&mut self, check: &Check, texts: &RuleTexts) -> Option<CheckProgram> {
        let before = self.problems.len();
        let mut scope = Scope::default();
        let mut steps = Vec::new();
        let mut fallback = None;
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
                        steps.push(Step::Let { slot, value: n });
                    }
                }
            }
        }
        let report = &check.report;
        let at = self.place(&report.at, &mut scope);
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
            fallback,
            also,
            cap: report.cap.as_ref().map(|c| c.value),
            message,
            help,
        })
    }

    /// A `report at` / `also at` place: something with a span.
    fn place(&mut self, e: &Expr, scope: &mut Scope) -> Node {
        let (n, ty) = self.expr(e, scope);
        let ok = ty.is_span_like() || matches!(ty, Ty::List(Elem::Rec(k)) if schema::kind_def(k).has_span);
        if !ok {
            let (vi, en) = ty_words(ty);
            self.problem(
                Problem::new(
                    "type",
                    e.span,
                    words(
                        format!("`at` cần một vị trí trong kế hoạch, đây là {vi}"),
                        format!("`at` needs a place in the plan; this is a {en}"),
                    ),
                )
                .help(words(
                    "chỉ vào một trường của kế hoạch, như `task.lead` hoặc `cite.span`",
                    "point at a field of the plan, such as `task.lead` or `cite.span`",
                )),
            );
        }
        n
    }

    /// A condition: must be yes/no.
    fn condition(&mut self, e: &Expr, scope: &mut Scope, what: &str) -> Node {
        let (n, ty) = self.expr(e, scope);
        if !matches!(ty, Ty::Bool | Ty::Any) {
            let (vi, en) = ty_words(ty);
            self.problem(
                Problem::new(
                    "type",
                    e.span,
                    words(
                        format!("điều kiện `{what}` phải là đúng/sai, đây là {vi}"),
                        format!("a `{what}` condition must be yes/no; this is a {en}"),
                    ),
                )
                .help(words(
                    "so sánh nó, hoặc dùng `is empty` / `is missing`",
                    "compare it, or use `is empty` / `is missing`",
                )),
            );
        }
        n
    }

    fn expr(&mut self, e: &Expr, scope: &mut Scope) -> (Node, Ty) {
        let span = e.span;
        match &e.kind {
            ExprKind::Num(n) => (node(Op::Num(*n), span, 0), Ty::Num),
            ExprKind::Str(s) => (node(Op::Str(nfc(&s.value)), span, 0), Ty::Str),
            ExprKind::Bool(b) => (node(Op::Bool(*b), span, 0), Ty::Bool),
            ExprKind::Regex { .. } => {
                self.problem(
                    Problem::new(
                        "type",
                        span,
                        words(
                            "biểu thức chính quy chỉ dùng sau `matches`",
                            "a regular expression can only follow `matches`",
                        ),
                    )
                    .help(words("viết `x matches /…/`", "write `x matches /…/`")),
                );
                missing(span)
            }
            ExprKind::Var(name) => {
                if let Some(v) = scope.lookup(name) {
                    v.used = true;
                    return (node(Op::Slot(v.slot), span, 1 << v.slot), v.ty);
                }
                if name == "plan" {
                    return (node(Op::Plan, span, 0), Ty::Rec(Kind::Plan));
                }
                let names = scope.names();
                let mut p = Problem::new(
                    "unknown-name",
                    span,
                    words(format!("không có tên `{name}`"), format!("no name `{name}` is bound here")),
                )
                .label(words("tên chưa được đặt", "unknown name"));
                if let Some(h) = did_you_mean(suggest(name, names.iter().copied())) {
                    p = p.help(h);
                } else if schema::function(name).is_some() {
                    p = p.help(words(
                        format!("`{name}` là một hàm: viết `{name}(…)`"),
                        format!("`{name}` is a function: write `{name}(…)`"),
                    ));
                } else {
                    p = p.help(words(
                        format!("các tên dùng được ở đây: {}", names.join(", ")),
                        format!("names in scope here: {}", names.join(", ")),
                    ));
                }
                self.problem(p);
                missing(span)
            }
            ExprKind::Field(base, fname) => {
                let (b, bt) = self.expr(base, scope);
                let kind = match bt {
                    Ty::Rec(k) => k,
                    Ty::Str => Kind::Text,
                    Ty::Any => return missing(span),
                    other => {
                        let (vi, en) = ty_words(other);
                        let help = if matches!(other, Ty::List(_)) {
                            words(
                                "một danh sách không có trường; dùng `any x in … where x.…`, `count …` hoặc `len(…)`",
                                "a list has no fields; use `any x in … where x.…`, `count …` or `len(…)`",
                            )
                        } else {
                            words("chỉ bản ghi của kế hoạch mới có trường", "only records of the plan have fields")
                        };
                        self.problem(
                            Problem::new(
                                "unknown-field",
                                fname.span,
                                words(
                                    format!("{vi} không có trường `{}`", fname.value),
                                    format!("a {en} has no field `{}`", fname.value),
                                ),
                            )
                            .help(help),
                        );
                        return missing(span);
                    }
                };
                match schema::field(kind, &fname.value) {
                    Some(f) => {
                        let deps = b.deps;
                        (node(Op::Field(Box::new(b), f), span, deps), f.ty)
                    }
                    None => {
                        let def = schema::kind_def(kind);
                        let names: Vec<&str> = def.fields.iter().map(|f| f.name).collect();
                        self.problem(unknown(
                            "unknown-field",
                            fname.span,
                            words(
                                format!("`{}` không có trường `{}`", def.name, fname.value),
                                format!("`{}` has no field `{}`", def.name, fname.value),
                            ),
                            words("trường không có", "unknown field"),
                            &fname.value,
                            &names,
                            (&format!("các trường của `{}`", def.name), &format!("the fields of `{}` are", def.name)),
                        ));
                        missing(span)
                    }
                }
            }
            ExprKind::Call(fname, args) => {
                let compiled: Vec<(Node, Ty)> = args.iter().map(|a| self.expr(a, scope)).collect();
                let Some(f) = schema::function(&fname.value) else {
                    let names: Vec<&str> = schema::FUNCTIONS.iter().map(|f| f.name).collect();
                    self.problem(unknown(
                        "unknown-function",
                        fname.span,
                        words(format!("không có hàm `{}`", fname.value), format!("no function `{}`", fname.value)),
                        words("hàm không có", "unknown function"),
                        &fname.value,
                        &names,
                        ("các hàm", "the functions are"),
                    ));
                    return missing(span);
                };
                if compiled.len() != f.params.len() {
                    let sig = f.params.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
                    self.problem(
                        Problem::new(
                            "arity",
                            span,
                            words(
                                format!("hàm `{}` nhận {} đối số, ở đây có {}", f.name, f.params.len(), compiled.len()),
                                format!(
                                    "`{}` takes {} argument{}, {} given",
                                    f.name,
                                    f.params.len(),
                                    if f.params.len() == 1 { "" } else { "s" },
                                    compiled.len()
                                ),
                            ),
                        )
                        .help(words(format!("viết `{}({sig})`", f.name), format!("write `{}({sig})`", f.name))),
                    );
                    return missing(span);
                }
                let mut ok = true;
                for ((arg, (_, ty)), (pname, accept)) in args.iter().zip(&compiled).zip(f.params) {
                    if !accept.accepts(*ty) {
                        ok = false;
                        let (avi, aen) = accept.describe();
                        let (vi, en) = ty_words(*ty);
                        self.problem(Problem::new(
                            "type",
                            arg.span,
                            words(
                                format!("đối số `{pname}` của `{}` phải là {avi}, đây là {vi}", f.name),
                                format!("argument `{pname}` of `{}` must be a {aen}; this is a {en}", f.name),
                            ),
                        ));
                    }
                }
                if !ok {
                    return missing(span);
                }
                let deps = compiled.iter().fold(0, |d, (n, _)| d | n.deps);
                let ret = match (f.ret_item, compiled.first()) {
                    (true, Some((_, Ty::List(e)))) => e.ty(),
                    (true, _) => Ty::Any,
                    (false, _) => f.ret,
                };
                (node(Op::Call(f, compiled.into_iter().map(|(n, _)| n).collect()), span, deps), ret)
            }
            ExprKind::List(items) => {
                let compiled: Vec<(Node, Ty)> = items.iter().map(|a| self.expr(a, scope)).collect();
                let mut elem = Elem::Any;
                let mut first: Option<Ty> = None;
                for ((_, ty), item) in compiled.iter().zip(items) {
                    match first {
                        None => {
                            first = Some(*ty);
                            elem = Elem::of(*ty);
                        }
                        Some(f) if comparable(f, *ty).is_none() => {
                            let (vi, en) = ty_words(*ty);
                            let (fvi, fen) = ty_words(f);
                            self.problem(Problem::new(
                                "type",
                                item.span,
                                words(
                                    format!("phần tử này là {vi}, các phần tử trước là {fvi}"),
                                    format!("this item is a {en}; the items before it are {fen}"),
                                ),
                            ));
                        }
                        Some(_) => {}
                    }
                }
                let deps = compiled.iter().fold(0, |d, (n, _)| d | n.deps);
                (node(Op::List(compiled.into_iter().map(|(n, _)| n).collect()), span, deps), Ty::List(elem))
            }
            ExprKind::Not(inner) => {
                let n = self.condition(inner, scope, "not");
                let deps = n.deps;
                (node(Op::Not(Box::new(n)), span, deps), Ty::Bool)
            }
            ExprKind::Neg(inner) => {
                let (n, ty) = self.expr(inner, scope);
                self.want_num(ty, inner.span, "-");
                let deps = n.deps;
                (node(Op::Neg(Box::new(n)), span, deps), Ty::Num)
            }
            ExprKind::Test(op, inner) => {
                let (n, _) = self.expr(inner, scope);
                let deps = n.deps;
                (node(Op::Test(*op, Box::new(n)), span, deps), Ty::Bool)
            }
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, span, scope),
            ExprKind::Quant { kind, var, list, cond } => {
                let (l, lt) = self.expr(list, scope);
                let elem = match lt {
                    Ty::List(e) => e.ty(),
                    Ty::Any => Ty::Any,
                    other => {
                        let (vi, en) = ty_words(other);
                        self.problem(Problem::new(
                            "type",
                            list.span,
                            words(
                                format!("cần một danh sách, đây là {vi}"),
                                format!("expected a list; this is a {en}"),
                            ),
                        ));
                        Ty::Any
                    }
                };
                let Some(slot) = self.bind(scope, var, elem) else {
                    return missing(span);
                };
                let c = self.condition(cond, scope, "where");
                if let Some(idx) = scope.visible.pop()
                    && let Some(v) = scope.vars.get(idx)
                {
                    if !v.used && !v.name.starts_with('_') {
                        let (name, vspan) = (v.name.clone(), v.span);
                        self.unused(&Var { name, slot, ty: elem, span: vspan, used: false });
                    }
                    // Mark it used so the check-level pass does not report it again.
                    if let Some(v) = scope.vars.get_mut(idx) {
                        v.used = true;
                    }
                }
                let bit = 1u64 << slot;
                let deps = (l.deps | c.deps) & !bit;
                let join = self.join(*kind, &l, slot, &c);
                let ty = match kind {
                    QuantKind::Any | QuantKind::All => Ty::Bool,
                    QuantKind::Count => Ty::Num,
                    QuantKind::First => elem,
                };
                (node(Op::Quant { kind: *kind, slot, list: Box::new(l), cond: Box::new(c), join }, span, deps), ty)
            }
        }
    }

    /// Find `inner == outer` among the top-level conjuncts of a quantifier's condition.
    fn join(&mut self, kind: QuantKind, list: &Node, slot: u16, cond: &Node) -> Option<Join> {
        if kind == QuantKind::All || list.deps != 0 {
            return None;
        }
        let bit = 1u64 << slot;
        let mut stack = vec![cond];
        while let Some(n) = stack.pop() {
            match &n.op {
                Op::And(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Op::Cmp { op: CmpOp::Eq, lhs: a, rhs: b, key: Some(key) } => {
                    let key = *key;
                    let (inner, outer) = if a.deps == bit && b.deps & bit == 0 {
                        (a, b)
                    } else if b.deps == bit && a.deps & bit == 0 {
                        (b, a)
                    } else {
                        continue;
                    };
                    let mut what = format!("{key:?}|");
                    canon(list, Some(slot), &mut what);
                    what.push('|');
                    canon(inner, Some(slot), &mut what);
                    let next = self.shared.indexes;
                    let index = *self.shared.index_ids.entry(what).or_insert(next);
                    if index == next {
                        self.shared.indexes += 1;
                    }
                    return Some(Join { index, key, inner: inner.clone(), outer: outer.clone() });
                }
                _ => {}
            }
        }
        None
    }

    fn want_num(&mut self, ty: Ty, span: Span, op: &str) {
        if !ty.is_num_like() {
            let (vi, en) = ty_words(ty);
            self.problem(Problem::new(
                "type",
                span,
                words(format!("`{op}` cần số, đây là {vi}"), format!("`{op}` needs numbers; this is a {en}")),
            ));
        }
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, span: Span, scope: &mut Scope) -> (Node, Ty) {
        match op {
            BinOp::And | BinOp::Or => {
                let x = self.condition(a, scope, op.symbol());
                let y = self.condition(b, scope, op.symbol());
                let deps = x.deps | y.deps;
                let op =
                    if op == BinOp::And { Op::And(Box::new(x), Box::new(y)) } else { Op::Or(Box::new(x), Box::new(y)) };
                (node(op, span, deps), Ty::Bool)
            }
            BinOp::Add | BinOp::Sub => {
                let (x, xt) = self.expr(a, scope);
                let (y, yt) = self.expr(b, scope);
                self.want_num(xt, a.span, op.symbol());
                self.want_num(yt, b.span, op.symbol());
                let deps = x.deps | y.deps;
                (node(Op::Arith { sub: op == BinOp::Sub, lhs: Box::new(x), rhs: Box::new(y) }, span, deps), Ty::Num)
            }
            BinOp::Matches => {
                let (x, xt) = self.expr(a, scope);
                if !xt.is_str_like() {
                    let (vi, en) = ty_words(xt);
                    self.problem(Problem::new(
                        "type",
                        a.span,
                        words(
                            format!("`matches` cần văn bản, đây là {vi}"),
                            format!("`matches` needs text; this is a {en}"),
                        ),
                    ));
                }
                let ExprKind::Regex { pattern, ignore_case } = &b.kind else {
                    self.problem(
                        Problem::new(
                            "type",
                            b.span,
                            words(
                                "sau `matches` phải là biểu thức chính quy `/…/`",
                                "`matches` needs a regular expression `/…/`",
                            ),
                        )
                        .help(words(
                            "để so khớp chính xác, dùng `==`; để tìm chuỗi con, dùng `contains(…)`",
                            "for an exact match use `==`; for a part of the text use `contains(…)`",
                        )),
                    );
                    return missing(span);
                };
                let Some(id) = self.regex(pattern, *ignore_case, b.span) else {
                    return missing(span);
                };
                let deps = x.deps;
                (node(Op::Matches(Box::new(x), id), span, deps), Ty::Bool)
            }
            BinOp::In | BinOp::NotIn => {
                let (x, xt) = self.expr(a, scope);
                let (y, yt) = self.expr(b, scope);
                match yt {
                    Ty::List(e) => {
                        if comparable(xt, e.ty()).is_none() {
                            self.mismatch(xt, e.ty(), span, op.symbol());
                        }
                        self.enum_literals(xt, b);
                    }
                    Ty::Any => {}
                    other => {
                        let (vi, en) = ty_words(other);
                        self.problem(
                            Problem::new(
                                "type",
                                b.span,
                                words(
                                    format!("sau `{}` phải là một danh sách, đây là {vi}", op.symbol()),
                                    format!("`{}` needs a list on its right; this is a {en}", op.symbol()),
                                ),
                            )
                            .help(words(
                                "viết `x in [\"a\", \"b\"]`; để tìm trong văn bản, dùng `contains(…)`",
                                "write `x in [\"a\", \"b\"]`; to search text, use `contains(…)`",
                            )),
                        );
                    }
                }
                let deps = x.deps | y.deps;
                (
                    node(Op::In { item: Box::new(x), list: Box::new(y), negated: op == BinOp::NotIn }, span, deps),
                    Ty::Bool,
                )
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (x, xt) = self.expr(a, scope);
                let (y, yt) = self.expr(b, scope);
                let cmp = match op {
                    BinOp::Eq => CmpOp::Eq,
                    BinOp::Ne => CmpOp::Ne,
                    BinOp::Lt => CmpOp::Lt,
                    BinOp::Le => CmpOp::Le,
                    BinOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                let key = comparable(xt, yt);
                if key.is_none() {
                    self.mismatch(xt, yt, span, op.symbol());
                } else if matches!(cmp, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge) {
                    let ordered = |t: Ty| t.is_num_like() || t.is_date_like() || matches!(t, Ty::Span | Ty::Any);
                    if !(ordered(xt) && ordered(yt)) {
                        let (vi, en) = ty_words(if ordered(xt) { yt } else { xt });
                        self.problem(
                            Problem::new(
                                "type",
                                span,
                                words(
                                    format!("`{}` chỉ so sánh số, ngày hoặc vị trí; đây là {vi}", op.symbol()),
                                    format!("`{}` compares numbers, dates or spans; this is a {en}", op.symbol()),
                                ),
                            )
                            .help(words(
                                "để so sánh văn bản, dùng `==` hoặc `!=`",
                                "to compare text, use `==` or `!=`",
                            )),
                        );
                    }
                }
                self.enum_literals(xt, b);
                self.enum_literals(yt, a);
                let deps = x.deps | y.deps;
                let key = key.flatten();
                (node(Op::Cmp { op: cmp, lhs: Box::new(x), rhs: Box::new(y), key }, span, deps), Ty::Bool)
            }
        }
    }

    fn mismatch(&mut self, a: Ty, b: Ty, span: Span, op: &str) {
        let (avi, aen) = ty_words(a);
        let (bvi, ben) = ty_words(b);
        self.problem(Problem::new(
            "type",
            span,
            words(
                format!("không so sánh được {avi} với {bvi} bằng `{op}`"),
                format!("cannot compare a {aen} with a {ben} using `{op}`"),
            ),
        ));
    }

    /// A text literal compared with an enumeration must be one of its values.
    fn enum_literals(&mut self, ty: Ty, other: &Expr) {
        let Ty::Enum(def) = ty else { return };
        let lits: Vec<&Expr> = match &other.kind {
            ExprKind::Str(_) => vec![other],
            ExprKind::List(items) => items.iter().collect(),
            _ => return,
        };
        for lit in lits {
            let ExprKind::Str(s) = &lit.kind else { continue };
            if def.values.contains(&s.value.as_str()) {
                continue;
            }
            self.problem(unknown(
                "unknown-value",
                lit.span,
                words(
                    format!("`{}` không phải là một giá trị của `{}`", s.value, def.name),
                    format!("`{}` is not a value of `{}`", s.value, def.name),
                ),
                words("giá trị không có", "unknown value"),
                &s.value,
                def.values,
                ("các giá trị", "the values are"),
            ));
        }
    }

    fn regex(&mut self, pattern: &str, ignore_case: bool, span: Span) -> Option<u32> {
        let pattern = nfc(pattern);
        if let Some(id) = self.shared.regex_ids.get(&(pattern.clone(), ignore_case)) {
            return Some(*id);
        }
        let built = regex::RegexBuilder::new(&pattern)
            .case_insensitive(ignore_case)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .nest_limit(REGEX_NEST_LIMIT)
            .build();
        match built {
            Ok(re) => {
                let id = u32::try_from(self.shared.regexes.len()).ok()?;
                self.shared.regexes.push(re);
                self.shared.regex_ids.insert((pattern, ignore_case), id);
                Some(id)
            }
            Err(e) => {
                let detail = match &e {
                    regex::Error::Syntax(text) => {
                        text.lines().find_map(|l| l.strip_prefix("error: ")).unwrap_or("invalid syntax").to_owned()
                    }
                    regex::Error::CompiledTooBig(_) => "too large once compiled".to_owned(),
                    _ => e.to_string(),
                };
                self.problem(
                    Problem::new(
                        "bad-regex",
                        span,
                        words(
                            format!("biểu thức chính quy không hợp lệ: {detail}"),
                            format!("invalid regular expression: {detail}"),
                        ),
                    )
                    .label(words("ở đây", "here"))
                    .help(words(
                        "cú pháp là của thư viện Rust `regex`: không có tham chiếu ngược hay nhìn trước/nhìn sau",
                        "the syntax is Rust's `regex`: no back-references or look-around",
                    )),
                );
                None
            }
        }
    }

    fn tests(&mut self, decl: &RuleDecl) {
        let mut names: HashMap<&str, Span> = HashMap::new();
        for t in &decl.tests {
            if let Some(first) = names.get(t.name.value.as_str()) {
                self.problem(
                    Problem::new(
                        "bad-test",
                        t.name.span,
                        words(
                            format!("đã có bài kiểm thử tên \"{}\"", t.name.value),
                            format!("a test named \"{}\" already exists", t.name.value),
                        ),
                    )
                    .also(*first, words("lần đầu ở đây", "first here")),
                );
            }
            names.insert(&t.name.value, t.name.span);
            self.test(decl, t);
        }
    }

    fn test(&mut self, decl: &RuleDecl, t: &TestCase) {
        match t.plans.as_slice() {
            [] => self.problem(
                Problem::new("bad-test", t.name.span, words("bài kiểm thử không có kế hoạch", "the test has no plan"))
                    .help(words(
                        "thêm `plan \"\"\"…\"\"\"` hoặc `plan file \"…\"`",
                        "add `plan \"\"\"…\"\"\"` or `plan file \"…\"`",
                    )),
            ),
            [_] => {}
            [_, second, ..] => {
                let span = match second {
                    TestPlan::Inline { text, .. } => text.span,
                    TestPlan::File { path } => path.span,
                };
                self.problem(Problem::new(
                    "bad-test",
                    span,
                    words("mỗi bài kiểm thử có đúng một kế hoạch", "a test has exactly one plan"),
                ));
            }
        }
        if t.expects.is_empty() {
            self.problem(
                Problem::new(
                    "bad-test",
                    t.name.span,
                    words("bài kiểm thử không có `expect`", "the test has no `expect`"),
                )
                .help(words(
                    format!("thêm `expect {0} at line N` hoặc `expect no {0}`", decl.code.value),
                    format!("add `expect {0} at line N` or `expect no {0}`", decl.code.value),
                )),
            );
        }
        let plan_lines = match t.plans.first() {
            Some(TestPlan::Inline { text, .. }) => Some(text.value.lines().count()),
            _ => None,
        };
        for e in &t.expects {
            let (code, lines) = match e {
                Expect::None { code } => (code, &[][..]),
                Expect::Some { code, lines } => (code, lines.as_slice()),
            };
            if code.value != decl.code.value {
                self.problem(
                    Problem::new(
                        "bad-test",
                        code.span,
                        words(
                            format!(
                                "bài kiểm thử chỉ chạy quy tắc của nó (`{}`), không phải `{}`",
                                decl.code.value, code.value
                            ),
                            format!("a test runs only its own rule (`{}`), not `{}`", decl.code.value, code.value),
                        ),
                    )
                    .help(words(
                        format!(
                            "viết `expect {}`; kiểm thử `{}` trong tệp quy tắc của nó",
                            decl.code.value, code.value
                        ),
                        format!("write `expect {}`; test `{}` in its own rule file", decl.code.value, code.value),
                    )),
                );
            }
            for l in lines {
                let past = plan_lines.is_some_and(|n| l.value > n);
                if l.value == 0 || past {
                    self.problem(Problem::new(
                        "bad-test",
                        l.span,
                        words(
                            format!(
                                "kế hoạch kiểm thử không có dòng {} (có {} dòng)",
                                l.value,
                                plan_lines.unwrap_or(0)
                            ),
                            format!("the test plan has no line {} ({} lines)", l.value, plan_lines.unwrap_or(0)),
                        ),
                    ));
                }
            }
        }
    }
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

/// NFC, so literals in rule files compare with the plan's (NFC) text whatever the editor saved.
fn nfc(s: &str) -> String {
    if s.chars().all(plainly_nfc)
        || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Characters that are NFC whatever surrounds them (quick check "yes", combining class 0), and
/// that rule texts are made of: everything before the combining marks, the precomposed
/// Vietnamese letters and the common punctuation. A text of them alone is NFC, with no table
/// lookup per character (rule texts are read at every start).
fn plainly_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1EA0}'..='\u{1EF9}').contains(&c) || ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Whether two types may be compared with `==`, and how an index would key them (`None` inside
/// when one side is unknown).
fn comparable(a: Ty, b: Ty) -> Option<Option<KeyKind>> {
    if a == Ty::Any || b == Ty::Any {
        return Some(None);
    }
    let key = if a == Ty::Bool && b == Ty::Bool {
        KeyKind::Bool
    } else if a.is_num_like() && b.is_num_like() {
        KeyKind::Num
    } else if a.is_date_like() && b.is_date_like() {
        KeyKind::Date
    } else if a == Ty::Span && b == Ty::Span {
        KeyKind::Span
    } else if a.is_str_like() && b.is_str_like() {
        KeyKind::Str
    } else if let (Ty::Rec(x), Ty::Rec(y)) = (a, b)
        && x == y
    {
        KeyKind::Rec
    } else if let (Ty::List(x), Ty::List(y)) = (a, b) {
        comparable(x.ty(), y.ty())?;
        return Some(None);
    } else {
        return None;
    };
    Some(Some(key))
}

/// Give every node that reads no slot (its value is the same for the whole plan) a cache slot;
/// equal expressions share one.
pub(crate) fn assign_caches(rules: &mut [RuleProgram]) -> u32 {
    let mut ids: HashMap<String, u32> = HashMap::new();
    for rule in rules.iter_mut() {
        for check in &mut rule.checks {
            for step in &mut check.steps {
                match step {
                    Step::For { list: n, .. } | Step::Where(n) | Step::Let { value: n, .. } => cache_node(n, &mut ids),
                }
            }
            cache_node(&mut check.at, &mut ids);
            for (n, label) in &mut check.also {
                cache_node(n, &mut ids);
                if let Some(t) = label {
                    cache_texts(t, &mut ids);
                }
            }
            cache_texts(&mut check.message, &mut ids);
            cache_texts(&mut check.help, &mut ids);
        }
    }
    u32::try_from(ids.len()).unwrap_or(u32::MAX)
}

fn cache_texts(t: &mut Texts, ids: &mut HashMap<String, u32>) {
    for tpl in std::iter::once(&mut t.vi).chain(t.en.as_mut()) {
        for p in &mut tpl.parts {
            if let Part::Expr(n) = p {
                cache_node(n, ids);
            }
        }
    }
}

fn cache_node(n: &mut Node, ids: &mut HashMap<String, u32>) {
    match &mut n.op {
        Op::Field(a, _) | Op::Not(a) | Op::Neg(a) | Op::Test(_, a) | Op::Matches(a, _) => cache_node(a, ids),
        Op::Call(_, args) | Op::List(args) => args.iter_mut().for_each(|a| cache_node(a, ids)),
        Op::And(a, b) | Op::Or(a, b) | Op::Cmp { lhs: a, rhs: b, .. } => {
            cache_node(a, ids);
            cache_node(b, ids);
        }
        Op::In { item, list, .. } => {
            cache_node(item, ids);
            cache_node(list, ids);
        }
        Op::Arith { lhs, rhs, .. } => {
            cache_node(lhs, ids);
            cache_node(rhs, ids);
        }
        Op::Quant { list, cond, join, .. } => {
            cache_node(list, ids);
            cache_node(cond, ids);
            if let Some(j) = join {
                cache_node(&mut j.inner, ids);
                cache_node(&mut j.outer, ids);
            }
        }
        Op::Plan | Op::Num(_) | Op::Str(_) | Op::Bool(_) | Op::Slot(_) => return,
    }
    if n.deps == 0 {
        let mut key = String::new();
        canon(n, None, &mut key);
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        n.cache = Some(*ids.entry(key).or_insert(next));
    }
}

/// A canonical text of a node that reads no slot but `bound` (written `$_` whatever its
/// number): equal texts, equal values for the same value of `bound`.
fn canon(n: &Node, bound: Option<u16>, out: &mut String) {
    let (tag, parts): (String, Vec<&Node>) = match &n.op {
        Op::Plan => ("plan".into(), vec![]),
        Op::Num(d) => (d.to_string(), vec![]),
        Op::Str(s) => (format!("{s:?}"), vec![]),
        Op::Bool(b) => (b.to_string(), vec![]),
        Op::Slot(s) if bound == Some(*s) => ("$_".into(), vec![]),
        Op::Slot(s) => (format!("${s}"), vec![]),
        Op::Field(a, f) => (format!(".{}", f.name), vec![a]),
        Op::Call(f, args) => (f.name.to_owned(), args.iter().collect()),
        Op::List(items) => ("list".into(), items.iter().collect()),
        Op::Not(a) => ("not".into(), vec![a]),
        Op::Neg(a) => ("neg".into(), vec![a]),
        Op::Test(t, a) => (format!("{t:?}"), vec![a]),
        Op::Matches(a, re) => (format!("matches{re}"), vec![a]),
        Op::And(a, b) => ("and".into(), vec![a, b]),
        Op::Or(a, b) => ("or".into(), vec![a, b]),
        Op::Cmp { op, lhs, rhs, .. } => (format!("{op:?}"), vec![lhs, rhs]),
        Op::In { item, list, negated } => (format!("in{negated}"), vec![item, list]),
        Op::Arith { sub, lhs, rhs } => (format!("arith{sub}"), vec![lhs, rhs]),
        Op::Quant { kind, slot, list, cond, .. } => (format!("{kind:?}${slot}"), vec![list, cond]),
    };
    out.push_str(&tag);
    if !parts.is_empty() {
        out.push('(');
        for p in parts {
            canon(p, bound, out);
            out.push(',');
        }
        out.push(')');
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

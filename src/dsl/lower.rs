//! pest pairs → the typed AST. One `lower_<rule>` function per grammar rule; a shape the grammar
//! guarantees but that is not there becomes an internal error with its span, never a panic.

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::{
    BinOp, Category, Check, Clause, DocKey, DocText, Expect, Expr, ExprKind, Item, Label, Level, QuantKind, Report,
    RuleDecl, SeveritySpec, Spanned, Str, TestCase, TestOp, TestPlan, TextPair,
};
use super::syntax::{Rule, SyntaxError, parse_expr, parse_file};
use crate::model::Decimal;
use crate::source::Span;

/// A grammar shape that was not there (a bug in this module, reported rather than panicking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Internal {
    pub(crate) span: Span,
    pub(crate) what: &'static str,
}

/// Why a text could not be lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LowerError {
    Syntax(SyntaxError),
    Internal(Internal),
}

type R<T> = Result<T, LowerError>;

/// Keyword pairs (`rule`, `for`, `in`…) carry no information.
fn not_keyword(pair: &Pair<'_, Rule>) -> bool {
    !matches!(
        pair.as_rule(),
        Rule::kw_rule
            | Rule::kw_override
            | Rule::kw_disable
            | Rule::kw_severity
            | Rule::kw_summary
            | Rule::kw_message
            | Rule::kw_help
            | Rule::kw_doc
            | Rule::kw_check
            | Rule::kw_test
            | Rule::kw_for
            | Rule::kw_in
            | Rule::kw_where
            | Rule::kw_let
            | Rule::kw_report
            | Rule::kw_at
            | Rule::kw_also
            | Rule::kw_plan
            | Rule::kw_file
            | Rule::kw_expect
            | Rule::kw_no
            | Rule::kw_line
            | Rule::kw_stage
            | Rule::kw_category
    )
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    Span::new(pair.as_span().start(), pair.as_span().end())
}

fn internal<T>(pair: &Pair<'_, Rule>, what: &'static str) -> R<T> {
    Err(LowerError::Internal(Internal { span: span_of(pair), what }))
}

fn next<'i>(
    pairs: &mut impl Iterator<Item = Pair<'i, Rule>>,
    parent: &Pair<'i, Rule>,
    what: &'static str,
) -> R<Pair<'i, Rule>> {
    match pairs.next() {
        Some(p) => Ok(p),
        None => internal(parent, what),
    }
}

/// Lower a whole rule file.
pub(crate) fn lower_file(text: &str) -> R<Vec<Item>> {
    let pairs = parse_file(text).map_err(LowerError::Syntax)?;
    let mut items = Vec::new();
    for file in pairs {
        for item in file.into_inner().filter(not_keyword) {
            match item.as_rule() {
                Rule::rule_decl => items.push(Item::Rule(Box::new(lower_rule(item)?))),
                Rule::override_decl => {
                    let span = span_of(&item);
                    let mut inner = item.clone().into_inner().filter(not_keyword);
                    let code = spanned_str(next(&mut inner, &item, "override code")?);
                    let severity = lower_severity(next(&mut inner, &item, "override severity")?)?;
                    items.push(Item::Override { code, severity, span });
                }
                Rule::disable_decl => {
                    let span = span_of(&item);
                    let mut inner = item.clone().into_inner().filter(not_keyword);
                    let code = spanned_str(next(&mut inner, &item, "disabled code")?);
                    items.push(Item::Disable { code, span });
                }
                Rule::EOI => {}
                _ => return internal(&item, "a file item"),
            }
        }
    }
    Ok(items)
}

/// Lower one expression written at `offset` of the rule file (a message placeholder).
pub(crate) fn lower_placeholder(text: &str, offset: usize) -> R<Expr> {
    let mut pairs = parse_expr(text).map_err(|mut e| {
        e.span = Span::new(e.span.start + offset, e.span.end + offset);
        LowerError::Syntax(e)
    })?;
    let Some(pair) = pairs.next() else {
        return Err(LowerError::Internal(Internal {
            span: Span::new(offset, offset + text.len()),
            what: "an expression",
        }));
    };
    let mut e = lower_expr(pair)?;
    shift(&mut e, offset);
    Ok(e)
}

/// The end of a placeholder that starts at `{` (index of the matching `}`), skipping quoted
/// strings and nested braces.
pub(crate) fn placeholder_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Every `{expr}` placeholder of the messages of some rule files, parsed (spans from 0), by
/// its text, sorted and once each: what the checker parses for each message, done ahead by the
/// build script for the built-in rules. Texts that do not parse are left out (the checker
/// reports them where they are).
#[cfg_attr(not(test), allow(dead_code, reason = "called by the build script, which compiles this module too"))]
pub(crate) fn placeholders(files: &[Vec<Item>]) -> Vec<(String, Expr)> {
    fn scan<'a>(b: &'a TextPair, texts: &mut Vec<&'a str>) {
        for s in [&b.vi, &b.en].into_iter().flatten() {
            let mut rest = s.value.as_str();
            while let Some(tail) = rest.find('{').and_then(|i| rest.get(i..)) {
                if tail.starts_with("{{") {
                    rest = tail.get(2..).unwrap_or_default();
                    continue;
                }
                let Some(close) = placeholder_end(tail) else { break };
                texts.push(tail.get(1..close).unwrap_or_default());
                rest = tail.get(close + 1..).unwrap_or_default();
            }
        }
    }
    let mut texts: Vec<&str> = Vec::new();
    for item in files.iter().flatten() {
        if let Item::Rule(rule) = item {
            for b in rule
                .message
                .iter()
                .chain(&rule.help)
                .chain(rule.checks.iter().filter_map(|c| c.report.message.as_ref()))
            {
                scan(b, &mut texts);
            }
        }
    }
    texts.sort_unstable();
    texts.dedup();
    texts.into_iter().filter_map(|t| Some((t.to_owned(), lower_placeholder(t, 0).ok()?))).collect()
}

/// Move every span of an expression by `offset`.
pub(crate) fn shift(e: &mut Expr, offset: usize) {
    let mv = |s: &mut Span| *s = Span::new(s.start + offset, s.end + offset);
    mv(&mut e.span);
    match &mut e.kind {
        ExprKind::Field(inner, name) => {
            shift(inner, offset);
            mv(&mut name.span);
        }
        ExprKind::Call(name, args) => {
            mv(&mut name.span);
            args.iter_mut().for_each(|a| shift(a, offset));
        }
        ExprKind::List(items) => items.iter_mut().for_each(|a| shift(a, offset)),
        ExprKind::Not(a) | ExprKind::Neg(a) | ExprKind::Test(_, a) => shift(a, offset),
        ExprKind::Binary(_, a, b) => {
            shift(a, offset);
            shift(b, offset);
        }
        ExprKind::Quant { var, list, cond, .. } => {
            mv(&mut var.span);
            shift(list, offset);
            shift(cond, offset);
        }
        ExprKind::Str(s) => {
            mv(&mut s.span);
            s.map.iter_mut().for_each(|(_, f)| *f += offset);
        }
        ExprKind::Num(_) | ExprKind::Bool(_) | ExprKind::Regex { .. } | ExprKind::Var(_) => {}
    }
}

fn spanned_str(pair: Pair<'_, Rule>) -> Spanned<String> {
    Spanned { value: pair.as_str().to_owned(), span: span_of(&pair) }
}

fn lower_rule(pair: Pair<'_, Rule>) -> R<RuleDecl> {
    let span = span_of(&pair);
    let mut inner = pair.clone().into_inner().filter(not_keyword);
    let code = spanned_str(next(&mut inner, &pair, "rule code")?);
    let name = spanned_str(next(&mut inner, &pair, "rule name")?);
    let mut rule = RuleDecl {
        code,
        name,
        severity: Vec::new(),
        category: Vec::new(),
        summary: Vec::new(),
        message: Vec::new(),
        help: Vec::new(),
        doc: Vec::new(),
        docs_seen: 0,
        checks: Vec::new(),
        tests: Vec::new(),
        span,
    };
    for item in inner {
        match item.as_rule() {
            Rule::severity => rule.severity.push(lower_severity(item)?),
            Rule::category => {
                let name = next(&mut item.clone().into_inner().filter(not_keyword), &item, "category name")?;
                let value = if name.as_str() == "the-thuc" { Category::TheThuc } else { Category::NoiDung };
                rule.category.push(Spanned { value, span: span_of(&item) });
            }
            Rule::summary => rule.summary.push(lower_bilingual_of(item)?),
            Rule::message => rule.message.push(lower_bilingual_of(item)?),
            Rule::help => rule.help.push(lower_bilingual_of(item)?),
            Rule::doc => {
                rule.docs_seen += 1;
                for section in item.into_inner().filter(not_keyword) {
                    let mut parts = section.clone().into_inner().filter(not_keyword);
                    let key_pair = next(&mut parts, &section, "doc key")?;
                    let key = match key_pair.as_str() {
                        "what" => DocKey::What,
                        "why" => DocKey::Why,
                        "basis" => DocKey::Basis,
                        "bad" => DocKey::Bad,
                        _ => DocKey::Good,
                    };
                    let body = next(&mut parts, &section, "doc text")?;
                    let text = match body.as_rule() {
                        Rule::bilingual => DocText::Bilingual(lower_bilingual(body)?),
                        _ => DocText::Plain(lower_string(body)?),
                    };
                    rule.doc.push((Spanned { value: key, span: span_of(&key_pair) }, text));
                }
            }
            Rule::check => rule.checks.push(lower_check(item)?),
            Rule::test => rule.tests.push(lower_test(item)?),
            _ => return internal(&item, "a rule item"),
        }
    }
    Ok(rule)
}

fn level(pair: &Pair<'_, Rule>) -> Level {
    match pair.as_str() {
        "error" => Level::Error,
        "warning" => Level::Warning,
        "info" => Level::Info,
        _ => Level::Off,
    }
}

fn lower_severity(pair: Pair<'_, Rule>) -> R<SeveritySpec> {
    let span = span_of(&pair);
    let mut spec = SeveritySpec { draft: Level::Off, final_: Level::Off, span };
    let mut staged = false;
    for item in pair.into_inner().filter(not_keyword) {
        match item.as_rule() {
            Rule::level => {
                let l = level(&item);
                spec = SeveritySpec { draft: l, final_: l, span };
            }
            Rule::stage_level => {
                staged = true;
                let mut parts = item.clone().into_inner().filter(not_keyword);
                let stage = next(&mut parts, &item, "stage")?;
                let l = level(&next(&mut parts, &item, "level")?);
                if stage.as_str() == "draft" {
                    spec.draft = l;
                } else {
                    spec.final_ = l;
                }
            }
            _ => return internal(&item, "a severity"),
        }
    }
    let _ = staged;
    Ok(spec)
}

/// `summary { … }` and friends: the bilingual inside.
fn lower_bilingual_of(pair: Pair<'_, Rule>) -> R<TextPair> {
    let mut inner = pair.clone().into_inner().filter(not_keyword);
    lower_bilingual(next(&mut inner, &pair, "bilingual text")?)
}

fn lower_bilingual(pair: Pair<'_, Rule>) -> R<TextPair> {
    let mut b = TextPair { vi: None, en: None, span: span_of(&pair) };
    for lang_text in pair.into_inner().filter(not_keyword) {
        let mut parts = lang_text.clone().into_inner().filter(not_keyword);
        let lang = next(&mut parts, &lang_text, "language")?;
        let text = lower_string(next(&mut parts, &lang_text, "text")?)?;
        if lang.as_str() == "vi" {
            b.vi = Some(text);
        } else {
            b.en = Some(text);
        }
    }
    Ok(b)
}

fn lower_check(pair: Pair<'_, Rule>) -> R<Check> {
    let span = span_of(&pair);
    let mut clauses = Vec::new();
    let mut report = None;
    for item in pair.into_inner().filter(not_keyword) {
        match item.as_rule() {
            Rule::for_clause => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                let var = spanned_str(next(&mut parts, &item, "loop variable")?);
                let list = lower_expr(next(&mut parts, &item, "list")?)?;
                clauses.push(Clause::For { var, list });
            }
            Rule::where_clause => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                clauses.push(Clause::Where(lower_expr(next(&mut parts, &item, "condition")?)?));
            }
            Rule::let_clause => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                let var = spanned_str(next(&mut parts, &item, "binding name")?);
                let value = lower_expr(next(&mut parts, &item, "value")?)?;
                clauses.push(Clause::Let { var, value });
            }
            Rule::report => report = Some(lower_report(item)?),
            _ => return internal(&item, "a clause"),
        }
    }
    match report {
        Some(report) => Ok(Check { clauses, report, span }),
        None => Err(LowerError::Internal(Internal { span, what: "a report" })),
    }
}

fn lower_report(pair: Pair<'_, Rule>) -> R<Report> {
    let span = span_of(&pair);
    let mut inner = pair.clone().into_inner().filter(not_keyword);
    let at = lower_expr(next(&mut inner, &pair, "report place")?)?;
    let mut also = Vec::new();
    let mut message = None;
    let mut cap = None;
    for item in inner {
        match item.as_rule() {
            Rule::also => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                let place = lower_expr(next(&mut parts, &item, "also place")?)?;
                let label = match parts.next() {
                    Some(l) => {
                        let mut lp = l.clone().into_inner().filter(not_keyword);
                        let body = next(&mut lp, &l, "label text")?;
                        Some(match body.as_rule() {
                            Rule::bilingual => Label::Bilingual(lower_bilingual(body)?),
                            _ => Label::Plain(lower_string(body)?),
                        })
                    }
                    None => None,
                };
                also.push((place, label));
            }
            Rule::message => message = Some(lower_bilingual_of(item)?),
            Rule::report_severity => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                let l = next(&mut parts, &item, "level")?;
                cap = Some(Spanned { value: level(&l), span: span_of(&l) });
            }
            _ => return internal(&item, "a report part"),
        }
    }
    Ok(Report { at, cap, also, message, span })
}

fn lower_test(pair: Pair<'_, Rule>) -> R<TestCase> {
    let span = span_of(&pair);
    let mut inner = pair.clone().into_inner().filter(not_keyword);
    let name = lower_string(next(&mut inner, &pair, "test name")?)?;
    let mut test = TestCase { name, plans: Vec::new(), stage: None, expects: Vec::new(), span };
    for item in inner {
        match item.as_rule() {
            Rule::plan_text => {
                let mut markdown = false;
                let mut text = None;
                for part in item.clone().into_inner().filter(not_keyword) {
                    match part.as_rule() {
                        Rule::plan_format => markdown = part.as_str() == "md",
                        _ => text = Some(lower_string(part)?),
                    }
                }
                match text {
                    Some(text) => test.plans.push(TestPlan::Inline { markdown, text }),
                    None => return internal(&item, "plan text"),
                }
            }
            Rule::plan_file => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                test.plans.push(TestPlan::File { path: lower_string(next(&mut parts, &item, "plan path")?)? });
            }
            Rule::test_stage => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                test.stage = Some(spanned_str(next(&mut parts, &item, "stage")?));
            }
            Rule::expect => {
                let mut parts = item.clone().into_inner().filter(not_keyword);
                let what = next(&mut parts, &item, "expectation")?;
                let none = what.as_rule() == Rule::expect_none;
                let mut wp = what.clone().into_inner().filter(not_keyword);
                let code = spanned_str(next(&mut wp, &what, "expected code")?);
                if none {
                    test.expects.push(Expect::None { code });
                } else {
                    let lines = wp
                        .map(|l| Spanned { value: l.as_str().parse().unwrap_or(usize::MAX), span: span_of(&l) })
                        .collect();
                    test.expects.push(Expect::Some { code, lines });
                }
            }
            _ => return internal(&item, "a test item"),
        }
    }
    Ok(test)
}

/// Build a string value with the file offset of each run.
struct StrBuilder {
    value: String,
    map: Vec<(usize, usize)>,
    last_file: Option<usize>,
}

impl StrBuilder {
    fn push(&mut self, file_at: usize, s: &str) {
        if self.last_file != Some(file_at) {
            self.map.push((self.value.len(), file_at));
        }
        self.value.push_str(s);
        self.last_file = Some(file_at + s.len());
    }

    /// Append text from the file at `file_at`, turning escapes into characters.
    fn push_escaped(&mut self, file_at: usize, raw: &str) {
        if !raw.contains('\\') {
            self.push(file_at, raw);
            return;
        }
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\\'
                && let Some(&(_, n)) = chars.peek()
            {
                let out = match n {
                    't' => Some('\t'),
                    'n' => Some('\n'),
                    '\\' => Some('\\'),
                    '"' => Some('"'),
                    _ => None,
                };
                if let Some(out) = out {
                    chars.next();
                    let mut buf = [0u8; 4];
                    self.push(file_at + i, out.encode_utf8(&mut buf));
                    // The escape is two characters in the file and one in the value: the next
                    // run starts a new map entry.
                    self.last_file = None;
                    continue;
                }
            }
            let mut buf = [0u8; 4];
            self.push(file_at + i, c.encode_utf8(&mut buf));
        }
    }
}

fn lower_string(pair: Pair<'_, Rule>) -> R<Str> {
    let span = span_of(&pair);
    let inner = match pair.as_rule() {
        Rule::string => {
            let mut parts = pair.clone().into_inner().filter(not_keyword);
            next(&mut parts, &pair, "string body")?
        }
        _ => pair.clone(),
    };
    let raw = inner.as_str();
    let start = inner.as_span().start();
    let mut b = StrBuilder { value: String::new(), map: Vec::new(), last_file: None };
    if inner.as_rule() == Rule::triple_string {
        let body = raw.get(3..raw.len().saturating_sub(3)).unwrap_or_default();
        let body_start = start + 3;
        // Drop the line break after the opening quotes, and the indentation common to all lines.
        let (body, body_start) = match body.strip_prefix('\n') {
            Some(rest) => (rest, body_start + 1),
            None => match body.strip_prefix("\r\n") {
                Some(rest) => (rest, body_start + 2),
                None => (body, body_start),
            },
        };
        let lines: Vec<(usize, &str)> = {
            let mut out = Vec::new();
            let mut at = 0;
            for line in body.split('\n') {
                out.push((at, line));
                at += line.len() + 1;
            }
            out
        };
        let indent = lines
            .iter()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
            .min()
            .unwrap_or(0);
        let last_blank = lines.last().is_some_and(|(_, l)| l.trim().is_empty());
        let count = if last_blank { lines.len().saturating_sub(1) } else { lines.len() };
        for (k, (at, line)) in lines.iter().take(count).enumerate() {
            if k > 0 {
                b.push(body_start + at - 1, "\n");
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
            let kept = line.get(cut..).unwrap_or_default();
            b.push_escaped(body_start + at + cut, kept);
        }
    } else {
        let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        b.push_escaped(start + 1, body);
    }
    if b.map.is_empty() {
        b.map.push((0, start + 1));
    }
    Ok(Str { value: b.value, span, map: b.map })
}

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left)
            | Op::infix(Rule::op_matches, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
        .op(Op::postfix(Rule::field)
            | Op::postfix(Rule::is_empty)
            | Op::postfix(Rule::is_not_empty)
            | Op::postfix(Rule::is_missing)
            | Op::postfix(Rule::is_not_missing))
});

/// Lower an `expr` (or `quant_source`/`quant_body`) pair.
pub(crate) fn lower_expr(pair: Pair<'_, Rule>) -> R<Expr> {
    if pair.as_rule() == Rule::quant_body {
        let mut inner = pair.clone().into_inner().filter(not_keyword);
        return lower_expr(next(&mut inner, &pair, "condition")?);
    }
    PRATT
        .map_primary(lower_primary)
        .map_prefix(|op, rhs| {
            let rhs = rhs?;
            let span = span_of(&op).cover(rhs.span);
            let kind = match op.as_rule() {
                Rule::op_not => ExprKind::Not(Box::new(rhs)),
                _ => ExprKind::Neg(Box::new(rhs)),
            };
            Ok(Expr { kind, span })
        })
        .map_postfix(|lhs, op| {
            let lhs = lhs?;
            let span = lhs.span.cover(span_of(&op));
            let kind = match op.as_rule() {
                Rule::field => {
                    let mut inner = op.clone().into_inner().filter(not_keyword);
                    let name = spanned_str(next(&mut inner, &op, "field name")?);
                    ExprKind::Field(Box::new(lhs), name)
                }
                Rule::is_empty => ExprKind::Test(TestOp::Empty, Box::new(lhs)),
                Rule::is_not_empty => ExprKind::Test(TestOp::NotEmpty, Box::new(lhs)),
                Rule::is_missing => ExprKind::Test(TestOp::Missing, Box::new(lhs)),
                _ => ExprKind::Test(TestOp::NotMissing, Box::new(lhs)),
            };
            Ok(Expr { kind, span })
        })
        .map_infix(|lhs, op, rhs| {
            let (lhs, rhs) = (lhs?, rhs?);
            let span = lhs.span.cover(rhs.span);
            let bin = match op.as_rule() {
                Rule::op_or => BinOp::Or,
                Rule::op_and => BinOp::And,
                Rule::op_eq => BinOp::Eq,
                Rule::op_ne => BinOp::Ne,
                Rule::op_lt => BinOp::Lt,
                Rule::op_le => BinOp::Le,
                Rule::op_gt => BinOp::Gt,
                Rule::op_ge => BinOp::Ge,
                Rule::op_in => BinOp::In,
                Rule::op_not_in => BinOp::NotIn,
                Rule::op_matches => BinOp::Matches,
                Rule::op_add => BinOp::Add,
                _ => BinOp::Sub,
            };
            Ok(Expr { kind: ExprKind::Binary(bin, Box::new(lhs), Box::new(rhs)), span })
        })
        .parse(pair.into_inner().filter(not_keyword))
}

fn lower_primary(pair: Pair<'_, Rule>) -> R<Expr> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::number => match Decimal::parse(pair.as_str()) {
            Some(n) => ExprKind::Num(n),
            None => return internal(&pair, "a number small enough to be exact"),
        },
        Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
        Rule::string => ExprKind::Str(lower_string(pair)?),
        Rule::regex => {
            let raw = pair.as_str();
            let ignore_case = raw.ends_with('i');
            let body = raw.strip_suffix('i').unwrap_or(raw);
            let pattern = body.get(1..body.len().saturating_sub(1)).unwrap_or_default().replace("\\/", "/");
            ExprKind::Regex { pattern, ignore_case }
        }
        Rule::ident => ExprKind::Var(pair.as_str().to_owned()),
        Rule::expr => return lower_expr(pair),
        Rule::call => {
            let mut inner = pair.clone().into_inner().filter(not_keyword);
            let name = spanned_str(next(&mut inner, &pair, "function name")?);
            let args = inner.map(lower_expr).collect::<R<Vec<_>>>()?;
            ExprKind::Call(name, args)
        }
        Rule::list => ExprKind::List(pair.into_inner().filter(not_keyword).map(lower_expr).collect::<R<Vec<_>>>()?),
        Rule::quantifier => {
            let mut inner = pair.clone().into_inner().filter(not_keyword);
            let kind = match next(&mut inner, &pair, "quantifier")?.as_str() {
                "any" => QuantKind::Any,
                "all" => QuantKind::All,
                "count" => QuantKind::Count,
                _ => QuantKind::First,
            };
            let var = spanned_str(next(&mut inner, &pair, "quantifier variable")?);
            let list = lower_expr(next(&mut inner, &pair, "quantifier list")?)?;
            let cond = lower_expr(next(&mut inner, &pair, "quantifier condition")?)?;
            ExprKind::Quant { kind, var, list: Box::new(list), cond: Box::new(cond) }
        }
        _ => return internal(&pair, "an expression"),
    };
    Ok(Expr { kind, span })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(src: &str) -> Expr {
        let text = format!("rule T999 x {{ check {{ where {src} report at plan }} }}");
        let items = lower_file(&text).unwrap();
        let Item::Rule(r) = &items[0] else { panic!() };
        let Clause::Where(e) = &r.checks[0].clauses[0] else { panic!() };
        e.clone()
    }

    fn show(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Num(n) => n.to_string(),
            ExprKind::Str(s) => format!("{:?}", s.value),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Regex { pattern, .. } => format!("/{pattern}/"),
            ExprKind::Var(v) => v.clone(),
            ExprKind::Field(e, f) => format!("{}.{}", show(e), f.value),
            ExprKind::Call(f, a) => format!("{}({})", f.value, a.iter().map(show).collect::<Vec<_>>().join(", ")),
            ExprKind::List(a) => format!("[{}]", a.iter().map(show).collect::<Vec<_>>().join(", ")),
            ExprKind::Not(e) => format!("(not {})", show(e)),
            ExprKind::Neg(e) => format!("(-{})", show(e)),
            ExprKind::Binary(op, a, b) => format!("({} {} {})", show(a), op.symbol(), show(b)),
            ExprKind::Test(op, e) => format!("({} is {op:?})", show(e)),
            ExprKind::Quant { kind, var, list, cond } => {
                format!("({kind:?} {} in {} where {})", var.value, show(list), show(cond))
            }
        }
    }

    #[test]
    fn precedence_and_postfix() {
        assert_eq!(show(&expr("a.b is empty and not c == 1 or d")), "(((a.b is Empty) and (not (c == 1))) or d)");
        assert_eq!(show(&expr("len(t.leads) > 1 + 2")), "(len(t.leads) > (1 + 2))");
        assert_eq!(
            show(&expr("x.kind in [\"a\", \"b\"] and y matches /^Các\\s/i")),
            "((x.kind in [\"a\", \"b\"]) and (y matches /^Các\\s/))"
        );
        assert_eq!(
            show(&expr("not any d in plan.citations where d.date is not missing and d == c")),
            "(not (Any d in plan.citations where ((d.date is NotMissing) and (d == c))))"
        );
        assert_eq!(
            show(&expr("(count t in plan.tasks where t.lead is empty) > 0")),
            "((Count t in plan.tasks where (t.lead is Empty)) > 0)"
        );
        assert_eq!(show(&expr("x not in [1]")), "(x not in [1])");
    }

    #[test]
    fn strings_keep_their_file_offsets() {
        let text = "rule T999 x { message { vi \"a\\tb {x.y}\" } check { report at plan } }";
        let items = lower_file(text).unwrap();
        let Item::Rule(r) = &items[0] else { panic!() };
        let s = r.message[0].vi.as_ref().unwrap();
        assert_eq!(s.value, "a\tb {x.y}");
        let at = s.value.find("x.y").unwrap();
        let span = s.span_of(at, at + 3);
        assert_eq!(text.get(span.start..span.end), Some("x.y"));
    }

    #[test]
    fn triple_strings_are_dedented() {
        let text = "rule T999 x {\n  test \"t\" {\n    plan \"\"\"\n      line one\n        indented\\tcell\n      \"\"\"\n  }\n  check { report at plan }\n}";
        let items = lower_file(text).unwrap();
        let Item::Rule(r) = &items[0] else { panic!() };
        let TestPlan::Inline { text: s, .. } = &r.tests[0].plans[0] else { panic!() };
        assert_eq!(s.value, "line one\n  indented\tcell");
        let at = s.value.find("cell").unwrap();
        let span = s.span_of(at, at + 4);
        assert_eq!(text.get(span.start..span.end), Some("cell"));
    }

    #[test]
    fn syntax_errors_say_what_was_expected() {
        match lower_file("rule T101 task-lead-missing { severity eror }") {
            Err(LowerError::Syntax(e)) => {
                assert!(e.expected.iter().any(|(_, en)| *en == "`error`, `warning`, `info` or `off`"), "{e:?}");
                assert_eq!(e.found.as_deref(), Some("eror"));
                assert_eq!((e.span.start, e.span.end), (39, 43));
            }
            other => panic!("{other:?}"),
        }
    }
}

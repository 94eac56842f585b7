//! The rule language (`.plr` files): parse → typed AST with spans → static check → evaluate.
//!
//! The public surface is [`RuleSet`]: load rule files (the built-in ones are embedded in the
//! binary), list and explain rules, run them over a plan, and run their inline tests. pest's
//! types never leave `syntax` and `lower`. This module knows nothing of files, walking, config
//! or output formats: callers hand it texts and get findings and diagnostics back.

mod ast;
mod check;
mod error;
mod eval;
mod functions;
mod limits;
mod lower;
mod program;
mod schema;
mod syntax;
mod testing;
mod value;

use std::collections::HashMap;
use std::sync::Arc;

pub use error::{RuleFileDiagnostic, RuleFileErrors};
pub use testing::{TestOutcome, TestReport};

/// The name rules and registries use for a unit kind (`per_mille`).
pub fn unit_kind_id(kind: crate::model::UnitKind) -> &'static str {
    schema::unit_kind_name(kind)
}

use ast::{DocKey, Item, Level};
use check::{Checker, Shared};
use error::{FileProblems, Problem, words};
use program::RuleProgram;

use crate::finding::{Finding, Severity};
use crate::lang::{Bilingual, Lang};
use crate::model::Plan;
use crate::registry::{ParentTarget, Registry};
use crate::source::{SourceFile, Span};

/// The stage a plan is checked for: blank numbers and days are expected in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Being written (the default).
    #[default]
    Draft,
    /// About to be signed and issued.
    Final,
}

impl Stage {
    /// The name used in rule files, config and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Final => "final",
        }
    }
}

/// Reads a rule test's `plan file "…"`: given the rule file's path and the path written, the
/// plan file's name and bytes, or why it could not be read (`(vi, en)`).
pub type PlanLoader = dyn Fn(&str, &str) -> Result<(String, Vec<u8>), crate::lang::Bilingual>;

/// A rule file to load.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Where it came from (shown in diagnostics; `rules/…` for built-in files).
    pub path: String,
    /// Its text.
    pub text: String,
    /// Whether it is one of planlint's own rule files.
    pub builtin: bool,
}

/// The built-in rule files, embedded at build time.
pub fn builtin_sources() -> Vec<RuleSource> {
    crate::embedded::RULE_FILES
        .iter()
        .map(|(path, text, _, _)| RuleSource { path: (*path).to_owned(), text: (*text).to_owned(), builtin: true })
        .collect()
}

/// A section of a rule's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocSection {
    /// What it checks.
    What,
    /// Why it matters.
    Why,
    /// The legal basis.
    Basis,
    /// An example that is reported.
    Bad,
    /// The example, corrected.
    Good,
}

impl DocSection {
    /// The section's heading in a language.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DocSection::What, Lang::Vi) => "Quy tắc kiểm tra gì",
            (DocSection::What, Lang::En) => "What it checks",
            (DocSection::Why, Lang::Vi) => "Vì sao quan trọng",
            (DocSection::Why, Lang::En) => "Why it matters",
            (DocSection::Basis, Lang::Vi) => "Căn cứ",
            (DocSection::Basis, Lang::En) => "Legal basis",
            (DocSection::Bad, Lang::Vi) => "Ví dụ bị báo",
            (DocSection::Bad, Lang::En) => "Example that is reported",
            (DocSection::Good, Lang::Vi) => "Cách viết đúng",
            (DocSection::Good, Lang::En) => "Written correctly",
        }
    }

    fn of(key: DocKey) -> Self {
        match key {
            DocKey::What => DocSection::What,
            DocKey::Why => DocSection::Why,
            DocKey::Basis => DocSection::Basis,
            DocKey::Bad => DocSection::Bad,
            DocKey::Good => DocSection::Good,
        }
    }
}

/// What a rule is: for `rules list`, `rules explain` and the catalogue.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// The code (`T101`).
    pub code: String,
    /// The kebab-case name (`task-lead-missing`).
    pub name: String,
    /// Severity in a draft; `None` when the rule is off.
    pub draft: Option<Severity>,
    /// Severity in a final plan; `None` when the rule is off.
    pub final_: Option<Severity>,
    /// Its category (`the-thuc` or `noi-dung`).
    pub category: crate::finding::Category,
    /// One line in both languages.
    pub summary: Bilingual,
    /// The message template, as written.
    pub message: Bilingual,
    /// The help template, as written.
    pub help: Bilingual,
    /// The documentation sections, in the order written.
    pub doc: Vec<(DocSection, Bilingual)>,
    /// The rule file.
    pub path: String,
    /// Whether it is built in.
    pub builtin: bool,
    /// How many of its inline tests expect it to report.
    pub tests_that_fire: usize,
    /// How many of its inline tests expect it to stay quiet.
    pub tests_that_do_not: usize,
}

/// Options of one run over a plan.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions<'a> {
    /// The stage.
    pub stage: Stage,
    /// The language of messages.
    pub lang: Lang,
    /// The registries (indicators, legal documents, higher-level targets).
    pub registry: &'a Registry,
    /// Targets of the plan's parent plans found among the files of the run (matched by the
    /// caller on symbol, issuer and date); empty when there are none.
    pub parents: &'a [ParentTarget],
}

/// The findings on one plan.
#[derive(Debug, Clone, Default)]
pub struct CheckOutcome {
    /// Findings, in document order.
    pub findings: Vec<Finding>,
    /// Rules that ran out of evaluation steps on this plan (their findings are incomplete).
    pub stopped: Vec<String>,
}

/// The syntax tree of a rule file: lowered at build time for an unchanged built-in file (see
/// `src/build.rs`; a test holds the built-in files to the complexity limits), without the inline
/// tests unless `tests`; parsed here otherwise, after the limits are checked.
fn lower_source(source: &RuleSource, tests: bool) -> Result<Vec<Item>, Box<Problem>> {
    if let Some(items) = prelowered(source, tests) {
        return Ok(items);
    }
    if let Some(p) = limits::check_complexity(&source.text, 0) {
        return Err(Box::new(p));
    }
    lower::lower_file(&source.text).map_err(|e| Box::new(check::lower_problem(&e)))
}

/// The build script's tree of an unchanged built-in file, with its tests put back if `tests`.
fn prelowered(source: &RuleSource, tests: bool) -> Option<Vec<Item>> {
    let (_, _, json, tests_json) = crate::embedded::RULE_FILES.iter().find(|(path, text, json, _)| {
        source.builtin && *path == source.path && *text == source.text && !json.is_empty()
    })?;
    let mut items: Vec<Item> = serde_json::from_str(json).ok()?;
    if tests {
        let mut per_rule = serde_json::from_str::<Vec<Vec<ast::TestCase>>>(tests_json).ok()?.into_iter();
        for item in &mut items {
            if let Item::Rule(rule) = item {
                rule.tests = per_rule.next()?;
            }
        }
    }
    Some(items)
}

/// Loaded, checked rules, ready to run.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<RuleProgram>,
    regexes: Vec<crate::regexes::Compiled>,
    caches: u32,
    indexes: u32,
}

fn severity_of(level: Level) -> Option<Severity> {
    match level {
        Level::Error => Some(Severity::Error),
        Level::Warning => Some(Severity::Warning),
        Level::Info => Some(Severity::Info),
        Level::Off => None,
    }
}

impl RuleSet {
    /// The built-in rules.
    pub fn builtin() -> Result<Self, RuleFileErrors> {
        Self::load(builtin_sources())
    }

    /// Load and check rule files. All problems of all files are reported together; nothing is
    /// returned unless every file is sound.
    pub fn load(sources: Vec<RuleSource>) -> Result<Self, RuleFileErrors> {
        Self::load_with(sources, true)
    }

    /// [`RuleSet::load`] for a run that only checks plans: the inline tests of the built-in
    /// files are not read (the test suite holds them sound), so their rules have no tests.
    pub fn load_for_check(sources: Vec<RuleSource>) -> Result<Self, RuleFileErrors> {
        Self::load_with(sources, false)
    }

    fn load_with(sources: Vec<RuleSource>, tests: bool) -> Result<Self, RuleFileErrors> {
        let mut shared = Shared::default();
        if sources.iter().any(|s| s.builtin) {
            // The built-in rules' placeholders, parsed by the build script (the same trees the
            // checker would make and cache; any other is parsed when met).
            let parsed: Vec<(String, ast::Expr)> =
                serde_json::from_str(crate::embedded::PLACEHOLDERS).unwrap_or_default();
            shared.placeholders.extend(parsed);
        }
        let mut files: Vec<FileProblems> = Vec::new();
        let mut rules: Vec<RuleProgram> = Vec::new();
        // (code or name) → (path, span) of the first rule that has it.
        let mut codes: HashMap<String, String> = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        let mut adjustments: Vec<(usize, Item)> = Vec::new();
        let texts: Vec<Arc<str>> = sources.iter().map(|s| Arc::from(s.text.as_str())).collect();
        for (i, (source, text)) in sources.iter().zip(&texts).enumerate() {
            let mut problems = Vec::new();
            if text.len() > limits::MAX_RULE_FILE_BYTES {
                problems.push(Problem::new(
                    "too-large",
                    Span::new(0, 0),
                    words(
                        format!("tệp quy tắc lớn hơn {} byte", limits::MAX_RULE_FILE_BYTES),
                        format!("the rule file is larger than {} bytes", limits::MAX_RULE_FILE_BYTES),
                    ),
                ));
            } else {
                match lower_source(source, tests) {
                    Err(p) => problems.push(*p),
                    Ok(items) => {
                        let mut checker = Checker::new(&mut shared);
                        for item in items {
                            match item {
                                Item::Rule(mut decl) => {
                                    let dup_code = codes.get(&decl.code.value).cloned();
                                    let dup_name = names.get(&decl.name.value).cloned();
                                    if let Some(other) = dup_code {
                                        checker.problems.push(duplicate(
                                            &decl.code,
                                            "mã",
                                            "code",
                                            &other,
                                            source.builtin,
                                        ));
                                    } else if let Some(other) = dup_name {
                                        checker.problems.push(duplicate(
                                            &decl.name,
                                            "tên",
                                            "name",
                                            &other,
                                            source.builtin,
                                        ));
                                    }
                                    codes.entry(decl.code.value.clone()).or_insert_with(|| source.path.clone());
                                    names.entry(decl.name.value.clone()).or_insert_with(|| source.path.clone());
                                    if let Some(r) = checker.rule(&mut decl, &source.path, text, source.builtin) {
                                        rules.push(r);
                                    }
                                }
                                other => adjustments.push((i, other)),
                            }
                        }
                        problems.append(&mut checker.problems);
                    }
                }
            }
            if !problems.is_empty() {
                files.push(FileProblems { path: source.path.clone(), text: Arc::clone(text), problems });
            }
        }
        // Overrides and disables apply after every rule is known, whatever the file order.
        for (i, item) in adjustments {
            let (code, level) = match &item {
                Item::Override { code, severity, .. } => (code, Some(*severity)),
                Item::Disable { code, .. } => (code, None),
                Item::Rule(_) => continue,
            };
            match rules.iter_mut().find(|r| r.code == code.value) {
                Some(rule) => {
                    rule.severity = match level {
                        Some(s) => program::Severities { draft: s.draft, final_: s.final_ },
                        None => program::Severities { draft: Level::Off, final_: Level::Off },
                    };
                }
                // The rule exists but did not check: its own problems are reported.
                None if codes.contains_key(&code.value) => {}
                None => {
                    let known: Vec<&str> = codes.keys().map(String::as_str).collect();
                    let mut p = Problem::new(
                        "unknown-rule",
                        code.span,
                        words(format!("không có quy tắc `{}`", code.value), format!("no rule `{}`", code.value)),
                    );
                    if let Some(s) = check::suggest(&code.value, known.iter().copied()) {
                        p = p.help(words(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?")));
                    }
                    let (Some(source), Some(text)) = (sources.get(i), texts.get(i)) else { continue };
                    match files.iter_mut().find(|f| f.path == source.path) {
                        Some(f) => f.problems.push(p),
                        None => files.push(FileProblems {
                            path: source.path.clone(),
                            text: Arc::clone(text),
                            problems: vec![p],
                        }),
                    }
                }
            }
        }
        if !files.is_empty() {
            return Err(RuleFileErrors { files });
        }
        let caches = check::assign_caches(&mut rules);
        Ok(Self { rules, regexes: shared.regexes, caches, indexes: shared.indexes })
    }

    /// Every rule, in code order.
    pub fn rules(&self) -> Vec<RuleInfo> {
        let mut out: Vec<RuleInfo> = self.rules.iter().map(info).collect();
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }

    /// One rule by code (any case) or name.
    pub fn rule(&self, code: &str) -> Option<RuleInfo> {
        self.rules.iter().find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code).map(info)
    }

    /// The codes of all rules, for suggestions.
    pub fn codes(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.code.as_str()).collect()
    }

    /// Each rule's code and its level at the draft and final stages (`None`: off), without the
    /// texts [`RuleSet::rules`] copies.
    pub fn levels(&self) -> impl Iterator<Item = (&str, Option<Severity>, Option<Severity>)> + '_ {
        self.rules.iter().map(|r| (r.code.as_str(), severity_of(r.severity.draft), severity_of(r.severity.final_)))
    }

    /// Every rule's code and category (for `--select the-thuc`).
    pub fn categories(&self) -> Vec<(&str, crate::finding::Category)> {
        self.rules.iter().map(|r| (r.code.as_str(), r.category)).collect()
    }

    /// Run every rule that is on at the stage over a plan. `src` gives line numbers to messages
    /// that ask for them.
    pub fn check(&self, plan: &Plan, src: Option<&SourceFile>, opts: &CheckOptions<'_>) -> CheckOutcome {
        self.check_with(plan, src, opts, &|_, severity| Some(severity))
    }

    /// [`RuleSet::check`], with the user's say on each rule: `policy(code, severity at the
    /// stage)` gives the severity to report with, or `None` to skip the rule. Only rules that are
    /// on at the stage are asked about.
    pub fn check_with(
        &self,
        plan: &Plan,
        src: Option<&SourceFile>,
        opts: &CheckOptions<'_>,
        policy: &dyn Fn(&str, Severity) -> Option<Severity>,
    ) -> CheckOutcome {
        let legal_docs = eval::LegalCache::default();
        let cx = eval::Ctx {
            plan,
            src,
            registry: opts.registry,
            parents: opts.parents,
            stage: opts.stage,
            legal_docs: &legal_docs,
        };
        let mut machine = eval::Machine::new(cx, &self.regexes, self.caches, self.indexes, opts.lang);
        let mut out = CheckOutcome::default();
        for rule in &self.rules {
            let level = check::level_at(rule.severity, opts.stage == Stage::Final);
            let Some(severity) = severity_of(level).and_then(|s| policy(&rule.code, s)) else { continue };
            let before = out.findings.len();
            if machine.rule(rule, severity, &mut out.findings).is_err() {
                out.findings.truncate(before);
                out.stopped.push(rule.code.clone());
            }
        }
        out.findings.sort_by(|a, b| (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code)));
        out
    }

    /// Run the inline tests of the rules whose file path starts with `under` (all when `None`).
    /// `load` reads a test's `plan file "…"`: given the rule file's path and the path written,
    /// it returns the file's name and bytes.
    /// The findings' messages of a failed test are in Vietnamese; see [`RuleSet::run_tests_in`].
    pub fn run_tests(&self, under: Option<&str>, registry: &Registry, load: &PlanLoader) -> Vec<TestReport> {
        self.run_tests_in(under, registry, load, Lang::Vi)
    }

    /// [`RuleSet::run_tests`], the messages of the findings a failed test shows in `lang`.
    pub fn run_tests_in(
        &self,
        under: Option<&str>,
        registry: &Registry,
        load: &PlanLoader,
        lang: Lang,
    ) -> Vec<TestReport> {
        let mut out = Vec::new();
        for rule in &self.rules {
            if under.is_some_and(|u| !rule.path.starts_with(u)) {
                continue;
            }
            out.extend(testing::run_rule(self, rule, registry, load, lang));
        }
        out
    }

    pub(crate) fn run_one(
        &self,
        rule: &RuleProgram,
        plan: &Plan,
        src: &SourceFile,
        registry: &Registry,
        stage: Stage,
        lang: Lang,
    ) -> Result<Vec<Finding>, eval::Stopped> {
        let legal_docs = eval::LegalCache::default();
        let cx = eval::Ctx { plan, src: Some(src), registry, parents: &[], stage, legal_docs: &legal_docs };
        let mut machine = eval::Machine::new(cx, &self.regexes, self.caches, self.indexes, lang);
        let level = check::level_at(rule.severity, stage == Stage::Final);
        let severity = severity_of(level).unwrap_or(Severity::Info);
        let mut findings = Vec::new();
        machine.rule(rule, severity, &mut findings)?;
        Ok(findings)
    }
}

fn duplicate(what: &ast::Spanned<String>, vi: &str, en: &str, other: &str, _builtin: bool) -> Problem {
    Problem::new(
        "duplicate-rule",
        what.span,
        words(
            format!("{vi} `{}` đã được dùng trong `{other}`", what.value),
            format!("the {en} `{}` is already used in `{other}`", what.value),
        ),
    )
    .help(words(
        "chọn mã và tên khác; để đổi mức độ của quy tắc có sẵn, viết `override T101 { severity warning }`",
        "choose another code and name; to change a built-in rule's severity, write `override T101 { severity warning }`",
    ))
}

fn info(r: &RuleProgram) -> RuleInfo {
    RuleInfo {
        code: r.code.clone(),
        name: r.name.clone(),
        draft: severity_of(r.severity.draft),
        final_: severity_of(r.severity.final_),
        category: r.category,
        summary: r.summary.clone(),
        message: r.message.clone(),
        help: r.help.clone(),
        doc: r.doc.iter().map(|(k, b)| (DocSection::of(*k), b.clone())).collect(),
        path: r.path.clone(),
        builtin: r.builtin,
        tests_that_fire: r
            .tests
            .iter()
            .filter(|t| t.expects.iter().any(|e| matches!(e, ast::Expect::Some { .. })))
            .count(),
        tests_that_do_not: r
            .tests
            .iter()
            .filter(|t| t.expects.iter().all(|e| matches!(e, ast::Expect::None { .. })))
            .count(),
    }
}

/// The closest of `candidates` to a mistyped `word`, if one is close enough.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    check::suggest(word, candidates)
}

/// The reference of fields, enumerations and functions rule authors can use (Markdown), as in
/// `rules/README.md`.
pub fn reference_markdown() -> String {
    schema::reference_markdown()
}

#[cfg(test)]
mod tests {
    use super::*;
    use program::{Op, Step};

    fn first_let_op(text: &str) -> Op {
        let set = RuleSet::load(vec![RuleSource { path: "t.plr".into(), text: text.into(), builtin: false }]).unwrap();
        let check = &set.rules[0].checks[0];
        let Some(Step::Let { value, .. }) = check.steps.get(1) else { panic!("{:?}", check.steps) };
        value.op.clone()
    }

    const RULE: &str = r#"rule X001 dup {
        severity info summary { vi "a" } message { vi "a" } help { vi "a" } doc { what { vi "a" } why { vi "a" } }
        check { for task in plan.tasks let earlier = CONDITION where earlier is not missing report at task.content } }"#;

    /// `==` between the element's key and an outer value is indexed; other shapes scan.
    #[test]
    fn equality_on_the_element_is_indexed() {
        let joined = RULE.replace(
            "CONDITION",
            "first o in plan.tasks where norm(o.content) == norm(task.content) and o.span < task.span",
        );
        assert!(matches!(first_let_op(&joined), Op::Quant { join: Some(_), .. }));
        let scanned = RULE.replace(
            "CONDITION",
            "first o in plan.tasks where o.span < task.span and not (norm(o.content) != norm(task.content))",
        );
        assert!(matches!(first_let_op(&scanned), Op::Quant { join: None, .. }));
        // Both sides depend on the element: no index.
        let both = RULE.replace("CONDITION", "first o in plan.tasks where o.content == o.lead and task.span < o.span");
        assert!(matches!(first_let_op(&both), Op::Quant { join: None, .. }));
    }

    /// Expressions that read no loop variable are cached, and equal ones share a slot.
    #[test]
    fn plan_wide_values_share_a_cache_slot() {
        let text = RULE.replace("CONDITION", "first o in plan.tasks where o.span < task.span");
        let set = RuleSet::load(vec![RuleSource { path: "t.plr".into(), text, builtin: false }]).unwrap();
        let check = &set.rules[0].checks[0];
        let (Some(Step::For { list, .. }), Some(Step::Let { value, .. })) = (check.steps.first(), check.steps.get(1))
        else {
            panic!()
        };
        let Op::Quant { list: inner, .. } = &value.op else { panic!() };
        assert!(list.cache.is_some());
        assert_eq!(list.cache, inner.cache, "`plan.tasks` twice, one slot");
        assert!(value.cache.is_none(), "reads `task`");
    }

    /// The syntax trees lowered by the build script are the ones the library's parser makes, for
    /// every built-in file; a changed text (or any other file) is parsed again.
    #[test]
    fn prelowered_trees_equal_parsed_ones() {
        assert_eq!(crate::embedded::RULE_FILES.len(), builtin_sources().len());
        for (source, (path, text, json, _)) in builtin_sources().iter().zip(crate::embedded::RULE_FILES) {
            assert!(!json.is_empty(), "{path}: not lowered at build time");
            assert!(limits::check_complexity(text, 0).is_none(), "{path}: over the complexity limits");
            let embedded = lower_source(source, true).unwrap();
            let parsed = lower::lower_file(text).unwrap();
            assert_eq!(embedded, parsed, "{path}");
            let without_tests = lower_source(source, false).unwrap();
            let mut tests = 0;
            for (a, b) in without_tests.iter().zip(&parsed) {
                if let (Item::Rule(a), Item::Rule(b)) = (a, b) {
                    assert!(a.tests.is_empty());
                    tests += b.tests.len();
                    let mut b = b.clone();
                    b.tests.clear();
                    assert_eq!(**a, *b, "{path}");
                }
            }
            assert!(tests > 0, "{path}: every built-in rule file has tests");
        }
        let mut source = builtin_sources().remove(0);
        let embedded = lower_source(&source, true).unwrap();
        source.text = source.text.replacen("rule ", "\nrule ", 1);
        let reparsed = lower_source(&source, false).unwrap();
        assert_ne!(embedded, reparsed, "spans move by one byte: the text was parsed again");
        assert_eq!(reparsed, lower::lower_file(&source.text).unwrap());
    }

    /// What the build script prepares for the built-in rules (trees, tests apart, placeholders)
    /// changes nothing: the rule set is the one made by parsing the same files as user files.
    #[test]
    fn builtin_rules_load_as_parsed_ones() {
        let placeholders: Vec<(String, ast::Expr)> = serde_json::from_str(crate::embedded::PLACEHOLDERS).unwrap();
        assert!(placeholders.len() > 20, "{}", placeholders.len());
        let files: Vec<Vec<Item>> = builtin_sources().iter().map(|s| lower::lower_file(&s.text).unwrap()).collect();
        assert_eq!(placeholders, lower::placeholders(&files));

        let as_user: Vec<RuleSource> =
            builtin_sources().into_iter().map(|s| RuleSource { builtin: false, ..s }).collect();
        let parsed = format!("{:?}", RuleSet::load(as_user).unwrap());
        let builtin =
            format!("{:?}", RuleSet::load(builtin_sources()).unwrap()).replace("builtin: true", "builtin: false");
        assert!(parsed.contains("builtin: false"));
        assert_eq!(builtin, parsed);
    }
}

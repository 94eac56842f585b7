//! Inline rule tests: each `test` block runs its rule alone on its plan and compares the lines
//! found with the lines expected, like `opa test` or Semgrep's rule tests.

use std::collections::BTreeSet;

use super::ast::{Expect, TestCase, TestPlan};
use super::error::words;
use super::program::RuleProgram;
use super::{PlanLoader, RuleSet, Stage};
use crate::extract::extract_fragment;
use crate::lang::Bilingual;
use crate::lang::Lang;
use crate::registry::Registry;
use crate::source::SourceFile;

/// A finding a test saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenFinding {
    /// Its line in the test plan.
    pub line: usize,
    /// Its message (Vietnamese).
    pub message: String,
}

/// How a test went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestOutcome {
    /// The rule reported exactly what was expected.
    Passed,
    /// It did not.
    Failed {
        /// What went wrong.
        reason: Bilingual,
        /// What the rule reported.
        found: Vec<SeenFinding>,
    },
    /// A built-in rule's fixture is not available (an installed binary away from its sources).
    Skipped {
        /// Why.
        reason: Bilingual,
    },
}

/// One test's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestReport {
    /// The rule code.
    pub code: String,
    /// The test name.
    pub name: String,
    /// The rule file.
    pub path: String,
    /// The line of the test in the rule file.
    pub line: usize,
    /// The outcome.
    pub outcome: TestOutcome,
}

impl TestReport {
    /// Whether it passed (a skipped test is not a failure).
    pub fn ok(&self) -> bool {
        !matches!(self.outcome, TestOutcome::Failed { .. })
    }

    /// The reason in a language, when it did not pass.
    pub fn reason(&self, lang: Lang) -> Option<&str> {
        match &self.outcome {
            TestOutcome::Passed => None,
            TestOutcome::Failed { reason, .. } | TestOutcome::Skipped { reason } => Some(reason.get(lang)),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(1, |before| before.matches('\n').count() + 1)
}

pub(super) fn run_rule(
    set: &RuleSet,
    rule: &RuleProgram,
    registry: &Registry,
    load: &PlanLoader,
    lang: Lang,
) -> Vec<TestReport> {
    rule.tests
        .iter()
        .map(|t| TestReport {
            code: rule.code.clone(),
            name: t.name.value.clone(),
            path: rule.path.clone(),
            line: line_of(&rule.source, t.span.start),
            outcome: run_test(set, rule, t, registry, load, lang),
        })
        .collect()
}

fn failed(reason: Bilingual, found: Vec<SeenFinding>) -> TestOutcome {
    TestOutcome::Failed { reason, found }
}

fn lines(set: &BTreeSet<usize>) -> String {
    set.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

fn run_test(
    set: &RuleSet,
    rule: &RuleProgram,
    t: &TestCase,
    registry: &Registry,
    load: &PlanLoader,
    lang: Lang,
) -> TestOutcome {
    let (name, bytes) = match t.plans.first() {
        Some(TestPlan::Inline { markdown, text }) => {
            let name = if *markdown { "test.md" } else { "test.txt" };
            (name.to_owned(), text.value.clone().into_bytes())
        }
        Some(TestPlan::File { path }) => match load(&rule.path, &path.value) {
            Ok(loaded) => loaded,
            Err(why) => {
                let reason = words(
                    format!("không đọc được tệp kế hoạch `{}`: {}", path.value, why.vi),
                    format!("cannot read the plan file `{}`: {}", path.value, why.en()),
                );
                return if rule.builtin { TestOutcome::Skipped { reason } } else { failed(reason, Vec::new()) };
            }
        },
        None => return failed(words("bài kiểm thử không có kế hoạch", "the test has no plan"), Vec::new()),
    };
    let src = match SourceFile::from_bytes(name, &bytes) {
        Ok(s) => s,
        Err(e) => {
            return failed(
                words(
                    format!("không đọc được kế hoạch kiểm thử: {}", e.message().vi),
                    format!("cannot read the test plan: {}", e.message().en()),
                ),
                Vec::new(),
            );
        }
    };
    let plan = match extract_fragment(&src, &registry.indicators) {
        Ok(p) => p,
        Err(e) => {
            return failed(
                words(
                    format!("không trích xuất được kế hoạch kiểm thử: {}", e.message().vi),
                    format!("cannot extract the test plan: {}", e.message().en()),
                ),
                Vec::new(),
            );
        }
    };
    let stage = match t.stage.as_ref().map(|s| s.value.as_str()) {
        Some("final") => Stage::Final,
        _ => Stage::Draft,
    };
    let findings = match set.run_one(rule, &plan, &src, registry, stage, lang) {
        Ok(f) => f,
        Err(_) => {
            return failed(
                words(
                    "quy tắc chạy quá giới hạn số bước trên kế hoạch kiểm thử",
                    "the rule ran out of evaluation steps on the test plan",
                ),
                Vec::new(),
            );
        }
    };
    let found: Vec<SeenFinding> = findings
        .iter()
        .map(|f| SeenFinding { line: src.line_col(f.span.start).line, message: f.message.clone() })
        .collect();
    let found_lines: BTreeSet<usize> = found.iter().map(|f| f.line).collect();
    let code = &rule.code;
    let mut expected: BTreeSet<usize> = BTreeSet::new();
    let mut anywhere = false;
    let mut none = false;
    for e in &t.expects {
        match e {
            Expect::None { .. } => none = true,
            Expect::Some { lines, .. } if lines.is_empty() => anywhere = true,
            Expect::Some { lines, .. } => expected.extend(lines.iter().map(|l| l.value)),
        }
    }
    if none && !found.is_empty() {
        return failed(
            words(
                format!("không chờ {code}, nhưng quy tắc báo ở dòng {}", lines(&found_lines)),
                format!("expected no {code}, found it at line(s) {}", lines(&found_lines)),
            ),
            found,
        );
    }
    if !expected.is_empty() && expected != found_lines {
        let found_text = if found_lines.is_empty() { "—".to_owned() } else { lines(&found_lines) };
        return failed(
            words(
                format!("chờ {code} ở dòng {}, nhưng quy tắc báo ở dòng {found_text}", lines(&expected)),
                format!("expected {code} at line(s) {}, found at line(s) {found_text}", lines(&expected)),
            ),
            found,
        );
    }
    if anywhere && found.is_empty() {
        return failed(
            words(format!("chờ {code}, nhưng quy tắc không báo gì"), format!("expected {code}, found none")),
            found,
        );
    }
    TestOutcome::Passed
}

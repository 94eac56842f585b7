//! Every built-in rule's inline tests, run by the same runner as `planlint test`: each test
//! block is one assertion about what its rule reports on its plan, at which lines.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use std::path::Path;

use planlint::dsl::{RuleSet, TestOutcome};
use planlint::lang::{Bilingual, Lang};

fn load_plan(rule_path: &str, plan_path: &str) -> Result<(String, Vec<u8>), Bilingual> {
    let path = common::root().join(Path::new(rule_path).parent().unwrap()).join(plan_path);
    std::fs::read(&path)
        .map(|b| (path.display().to_string(), b))
        .map_err(|e| Bilingual::new(e.to_string(), e.to_string()))
}

#[test]
fn built_in_rule_tests_pass() {
    let set = RuleSet::builtin().unwrap();
    let registry = planlint::registry::Registry::builtin().unwrap();
    let reports = set.run_tests(None, registry, &load_plan);
    // Every built-in rule ran at least two tests (catalogue.rs checks one fires and one does not).
    let untested: Vec<&str> =
        set.codes().into_iter().filter(|code| reports.iter().filter(|r| r.code == *code).count() < 2).collect();
    assert!(untested.is_empty(), "rules with fewer than two tests run: {untested:?}");
    let failures: Vec<String> = reports
        .iter()
        .filter(|r| !matches!(r.outcome, TestOutcome::Passed))
        .map(|r| format!("{} {:?} ({}:{}): {}", r.code, r.name, r.path, r.line, r.reason(Lang::En).unwrap_or("")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The runner itself: a wrong expectation fails, with the lines found.
#[test]
fn a_wrong_expectation_fails_with_the_lines_found() {
    let text = std::fs::read_to_string(common::root().join("rules/T104-task-deadline-conditional.plr")).unwrap();
    let wrong = text.replace("expect T104 at line 364, 365", "expect T104 at line 364, 366");
    assert_ne!(text, wrong);
    let mut sources: Vec<_> =
        planlint::dsl::builtin_sources().into_iter().filter(|s| !s.path.contains("T104")).collect();
    sources.push(planlint::dsl::RuleSource {
        path: "rules/T104-task-deadline-conditional.plr".into(),
        text: wrong,
        builtin: false,
    });
    let set = RuleSet::load(sources).unwrap();
    let registry = planlint::registry::Registry::builtin().unwrap();
    let reports = set.run_tests(Some("rules/T104"), registry, &load_plan);
    let failed: Vec<_> = reports.iter().filter(|r| !r.ok()).collect();
    assert_eq!(failed.len(), 1, "{reports:?}");
    assert_eq!(failed[0].reason(Lang::En), Some("expected T104 at line(s) 364, 366, found at line(s) 364, 365"));
}

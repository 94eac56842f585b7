//! Broken rule files: every problem is a located diagnostic on the rule file's own text, in
//! plain words, with a suggestion where one can be made. Rendered as users see them (no colour,
//! width 80) and snapshotted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use planlint::dsl::{RuleSet, RuleSource, builtin_sources};
use planlint::lang::Lang;
use planlint::report::render;

/// Load the built-in rules and one more file; render every problem.
fn problems(path: &str, text: &str, lang: Lang) -> (usize, String) {
    let mut sources = builtin_sources();
    sources.push(RuleSource { path: path.to_owned(), text: text.to_owned(), builtin: false });
    let errors = RuleSet::load(sources).expect_err("a broken rule file must not load");
    let rendered: String = errors.diagnostics(lang).iter().map(|d| render(d, false, 80)).collect();
    (errors.count(), rendered)
}

#[test]
fn broken_rule_files() {
    insta::glob!("../fixtures/rule-files", "*.plr", |path| {
        let rel = path.strip_prefix(common::root()).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        let (count, rendered) = problems(&rel, &text, Lang::Vi);
        assert!(count > 0);
        // Every problem is located in this file, never in a built-in one.
        assert!(!rendered.contains("╭─[rules/"), "{rendered}");
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn a_field_typo_reads_like_rustc_in_english_too() {
    let text = std::fs::read_to_string(common::root().join("fixtures/rule-files/unknown-field.plr")).unwrap();
    let (count, rendered) = problems("fixtures/rule-files/unknown-field.plr", &text, Lang::En);
    assert_eq!(count, 1);
    assert!(rendered.contains("did you mean `lead`?"), "{rendered}");
    assert!(rendered.contains("unknown-field.plr:10:"), "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn all_problems_of_a_file_are_reported_together() {
    let text = std::fs::read_to_string(common::root().join("fixtures/rule-files/report-at-number.plr")).unwrap();
    let (count, _) = problems("report-at-number.plr", &text, Lang::Vi);
    assert_eq!(count, 2, "the field of a list and the place without a span");
}

#[test]
fn the_built_in_rules_load() {
    let set = RuleSet::builtin().unwrap();
    assert!(set.rules().len() >= 6);
}

//! Every finding of the built-in rules on every fixture plan, one line each, in a committed
//! snapshot: a change in what planlint reports on real plans is a reviewed diff, never silent.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use std::fmt::Write;

use planlint::dsl::{CheckOptions, RuleSet, Stage};
use planlint::finding::Severity;
use planlint::lang::Lang;

fn findings_of(path: &std::path::Path, lang: Lang) -> String {
    let (src, plan) = common::extract_file(path);
    let set = RuleSet::builtin().unwrap();
    let registry = planlint::registry::Registry::builtin().unwrap();
    let outcome = set.check(&plan, Some(&src), &CheckOptions { stage: Stage::Draft, lang, registry, parents: &[] });
    assert!(outcome.stopped.is_empty(), "rules stopped: {:?}", outcome.stopped);
    let mut out = String::new();
    for f in &outcome.findings {
        let at = src.line_col(f.span.start);
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        writeln!(out, "{}:{} {} {severity}: {}", at.line, at.column, f.code, f.message).unwrap();
        for l in &f.labels {
            let at = src.line_col(l.span.start);
            writeln!(out, "    also {}:{} {}", at.line, at.column, l.message).unwrap();
        }
    }
    out
}

#[test]
fn findings_on_every_fixture_plan() {
    insta::glob!("../fixtures/plans", "**/*.{txt,md}", |path| {
        insta::assert_snapshot!(findings_of(path, Lang::Vi));
    });
}

/// The English messages, on the seed with the most kinds of findings.
#[test]
fn findings_in_english() {
    insta::assert_snapshot!(findings_of(&common::seed_path("003"), Lang::En));
}

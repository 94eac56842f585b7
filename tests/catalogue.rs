//! Meta-tests over the built-in catalogue (`rules/`): every rule is complete, bilingual,
//! documented and tested; files are named after their rule; generated documents are fresh.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly"
)]

mod common;

use planlint::dsl::{DocSection, RuleInfo, RuleSet, RuleSource};
use planlint::lang::Lang;

fn rules() -> Vec<RuleInfo> {
    RuleSet::builtin().unwrap().rules()
}

/// Compare a generated document with the committed one; `PLANLINT_UPDATE_DOCS=1` rewrites it.
fn fresh(rel: &str, generated: &str) {
    let path = common::root().join(rel);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == generated {
        return;
    }
    if std::env::var_os("PLANLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    panic!("{rel} is stale: run `PLANLINT_UPDATE_DOCS=1 cargo test --test catalogue` and commit it");
}

#[test]
fn every_rule_file_holds_one_rule_named_after_it() {
    let files: Vec<String> = std::fs::read_dir(common::root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".plr"))
        .collect();
    let rules = rules();
    assert_eq!(files.len(), rules.len(), "one rule per file");
    for r in &rules {
        assert_eq!(r.path, format!("rules/{}-{}.plr", r.code, r.name));
        assert!(r.builtin);
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let rules = rules();
    let mut codes: Vec<&str> = rules.iter().map(|r| r.code.as_str()).collect();
    let mut names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
    codes.sort_unstable();
    names.sort_unstable();
    codes.dedup();
    names.dedup();
    assert_eq!((codes.len(), names.len()), (rules.len(), rules.len()));
    for r in &rules {
        assert!(matches!(r.code.chars().next(), Some('S' | 'T' | 'L' | 'I' | 'F')), "{}: a family of SPEC §5", r.code);
        // Names name the defect, not the fix (Ruff/Clippy convention).
        for prefix in ["no-", "disallow-", "avoid-", "require-"] {
            assert!(!r.name.starts_with(prefix), "{}: `{}`", r.code, r.name);
        }
    }
}

#[test]
fn every_rule_speaks_both_languages_and_is_documented() {
    for r in rules() {
        for (what, text) in [("summary", &r.summary), ("message", &r.message), ("help", &r.help)] {
            assert!(!text.vi.trim().is_empty(), "{} {what}: Vietnamese", r.code);
            assert!(text.en_written().is_some_and(|e| !e.trim().is_empty()), "{} {what}: English", r.code);
        }
        let sections: Vec<DocSection> = r.doc.iter().map(|(s, _)| *s).collect();
        for s in [DocSection::What, DocSection::Why, DocSection::Basis, DocSection::Bad, DocSection::Good] {
            assert!(sections.contains(&s), "{}: doc section {:?}", r.code, s);
        }
        for (s, text) in &r.doc {
            if matches!(s, DocSection::What | DocSection::Why | DocSection::Basis) {
                assert!(text.en_written().is_some(), "{}: doc {s:?} in English", r.code);
            }
        }
    }
}

/// Message style (Cedar, Clippy): one sentence, lower-case start, no final period, no line break.
#[test]
fn messages_follow_the_message_style() {
    for r in rules() {
        for (what, text) in [("summary", &r.summary), ("message", &r.message), ("help", &r.help)] {
            for (lang, s) in [("vi", text.vi.as_str()), ("en", text.en_written().unwrap_or(""))] {
                let first = s.chars().next().unwrap();
                assert!(!first.is_uppercase(), "{} {what} ({lang}) starts lower-case: {s}", r.code);
                assert!(!s.ends_with('.'), "{} {what} ({lang}) has no final period: {s}", r.code);
                assert!(!s.contains('\n'), "{} {what} ({lang}) is one line: {s}", r.code);
            }
        }
    }
}

#[test]
fn every_rule_has_a_test_that_fires_and_one_that_does_not() {
    for r in rules() {
        assert!(r.tests_that_fire >= 1, "{}: a test where it reports", r.code);
        assert!(r.tests_that_do_not >= 1, "{}: a test where it stays quiet", r.code);
    }
}

#[test]
fn the_catalogue_is_fresh() {
    fresh("rules/CATALOG.md", &planlint::cli::catalogue_markdown(&rules()));
}

#[test]
fn the_reference_for_rule_authors_is_fresh() {
    let path = common::root().join("rules/README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- reference:start -->\n", "<!-- reference:end -->");
    let a = text.find(start).unwrap() + start.len();
    let b = text.find(end).unwrap();
    let generated = format!("{}{}{}", &text[..a], planlint::dsl::reference_markdown(), &text[b..]);
    fresh("rules/README.md", &generated);
}

/// The example at the top of `rules/README.md` is a real rule: it loads and its tests pass.
#[test]
fn the_example_in_the_reference_works() {
    let text = std::fs::read_to_string(common::root().join("rules/README.md")).unwrap();
    let block = text.split("```\n").nth(1).unwrap();
    assert!(block.contains("rule T106"), "{block}");
    let set = RuleSet::load(vec![RuleSource { path: "rules/README.md".into(), text: block.into(), builtin: false }])
        .unwrap_or_else(|e| {
            panic!("{}", e.diagnostics(Lang::En).iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))
        });
    let registry = planlint::registry::Registry::builtin().unwrap();
    let reports = set.run_tests(None, registry, &|_, _| Err(planlint::lang::Bilingual::default()));
    assert_eq!(reports.len(), 2);
    assert!(reports.iter().all(planlint::dsl::TestReport::ok), "{reports:?}");
}

/// `rules explain` shows every section, in the language asked.
#[test]
fn explain_shows_the_documentation() {
    let r = rules().into_iter().find(|r| r.code == "T106").unwrap();
    insta::assert_snapshot!(planlint::cli::explain_text(&r, Lang::Vi));
    insta::assert_snapshot!(planlint::cli::explain_text(&r, Lang::En));
}

#[test]
fn explain_covers_the_engine_codes() {
    let dir = common::scratch("explain-engine");
    for code in ["E001", "E002", "E003", "E004", "E005", "E006", "E007"] {
        let (status, out, err) = common::planlint_in(&dir, &["rules", "explain", code], None);
        assert_eq!(status, 0, "{code}: {err}");
        assert!(out.starts_with(code), "{out}");
    }
    let (_, vi, _) = common::planlint_in(&dir, &["rules", "explain", "E003"], None);
    insta::assert_snapshot!("engine_vi", vi);
    let (_, en, _) = common::planlint_in(&dir, &["rules", "explain", "suppression-malformed", "--lang", "en"], None);
    insta::assert_snapshot!("engine_en", en);
}

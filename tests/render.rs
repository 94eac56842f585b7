//! The human format draws findings by hand (`report::draw_finding`) instead of asking miette
//! (`report::render` of a `FindingDiagnostic`): both must be the same, byte for byte.
//!
//! Checked on every finding of every fixture plan, also in its NFD, CRLF and BOM forms, in
//! colour and without, at several widths; on every plan of a corpus directory when
//! `PLANLINT_RENDER_CORPUS` names one (`PLANLINT_RENDER_CORPUS=/work/corpus/c200 cargo test
//! --release --test render`); and on random texts, spans, labels and messages.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use planlint::dsl::{CheckOptions, RuleSet, Stage};
use planlint::finding::{Finding, Label, Severity};
use planlint::lang::Lang;
use planlint::report::{FindingDiagnostic, Grouping, draw_finding, render, render_finding};
use planlint::source::{NamedText, SourceFile, Span};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// How many findings were drawn by hand, and how many were left to miette.
#[derive(Debug, Default)]
struct Tally {
    drawn: usize,
    declined: usize,
    /// Findings whose labels are far apart: drawn in separate windows, not in miette's one.
    split: usize,
}

/// Draw every finding both ways and compare.
fn compare(name: &str, text: &str, findings: &[Finding], widths: &[usize], tally: &mut Tally) {
    let named = NamedText::new(name, Arc::from(text));
    for f in findings {
        for color in [false, true] {
            for &width in widths {
                let by_miette = render(&FindingDiagnostic::new(&named, f), color, width);
                match draw_finding(&named, f, color, width, Grouping::Miette) {
                    Some(by_hand) => {
                        assert_eq!(
                            by_hand, by_miette,
                            "{name}: {} at {:?} (colour {color}, width {width})",
                            f.code, f.span
                        );
                        tally.drawn += 1;
                    }
                    None => tally.declined += 1,
                }
                // What users see differs only in which labels share a window: never more than
                // the two lines a window costs longer than miette's, and far shorter where miette
                // joins labels far apart.
                let shown = render_finding(&named, f, color, width);
                if shown != by_miette {
                    let windows = |s: &str| s.matches("╭─[").count();
                    assert!(
                        windows(&shown) != windows(&by_miette)
                            && shown.lines().count() <= by_miette.lines().count() + 2,
                        "{name}: {} at {:?} differs from miette's drawing:\n{shown}\n{by_miette}",
                        f.code,
                        f.span
                    );
                    tally.split += 1;
                }
            }
        }
    }
}

/// The findings of the built-in rules on a file, with the text they point into.
fn findings(set: &RuleSet, name: &str, bytes: &[u8], lang: Lang) -> Option<(String, Vec<Finding>)> {
    let registry = planlint::registry::Registry::builtin().unwrap();
    let src = SourceFile::from_bytes(name, bytes).ok()?;
    let plan = planlint::extract::extract(&src, &registry.indicators).ok()?;
    let outcome = set.check(&plan, Some(&src), &CheckOptions { stage: Stage::Draft, lang, registry, parents: &[] });
    Some((src.original().to_string(), outcome.findings))
}

fn plan_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_finding_is_drawn_as_miette_draws_it() {
    let set = RuleSet::builtin().unwrap();
    let mut tally = Tally::default();
    for path in plan_files(&common::root().join("fixtures/plans")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(common::root()).unwrap().to_string_lossy().into_owned();
        let forms = [
            (name.clone(), text.clone(), Lang::Vi),
            (format!("en/{name}"), text.clone(), Lang::En),
            (format!("nfd/{name}"), text.nfd().collect::<String>(), Lang::Vi),
            (format!("crlf/{name}"), text.replace('\n', "\r\n"), Lang::Vi),
            (format!("bom/{name}"), format!("\u{feff}{text}"), Lang::Vi),
        ];
        for (name, text, lang) in forms {
            let Some((original, found)) = findings(&set, &name, text.as_bytes(), lang) else { continue };
            compare(&name, &original, &found, &[100, 80, 61, 40, 200], &mut tally);
        }
    }
    assert!(tally.drawn > 2000, "{tally:?}");
    assert_eq!(tally.declined, 0, "every fixture finding should be drawn by hand");
}

/// A duplicate task far below the first one: miette would draw every line between them in one
/// window (a hundred lines for one warning); planlint draws each place in a window of its own,
/// and keeps one window when the places are near.
#[test]
fn labels_far_apart_get_windows_of_their_own() {
    let rows: String = (1..=300).map(|i| format!("{i}\tNhiệm vụ số {i}\tTrạm Y tế\tQuý II/2026\n")).collect();
    let at = |row: usize| rows.find(&format!("\n{row}\tNhiệm")).unwrap() + 1;
    let named = NamedText::new("p.txt", Arc::from(rows.as_str()));
    let duplicate = |first: usize, second: usize| Finding {
        code: "T108".into(),
        name: "task-duplicate".into(),
        severity: Severity::Warning,
        span: Span::new(at(second), at(second) + 3),
        message: "nhiệm vụ trùng".into(),
        help: String::new(),
        labels: vec![Label {
            span: Span::new(at(first), at(first) + 3), message: "viết lần đầu ở đây".into()
        }],
    };
    let far = duplicate(150, 280);
    let shown = render_finding(&named, &far, false, 100);
    let by_miette = render(&FindingDiagnostic::new(&named, &far), false, 100);
    assert_eq!(shown.matches("╭─[").count(), 2, "{shown}");
    assert!(shown.lines().count() < 20, "{shown}");
    assert!(
        by_miette.contains(" 200 │ 200 Nhiệm vụ số 200"),
        "miette's one window holds every line between: {by_miette}"
    );
    assert_eq!(draw_finding(&named, &far, false, 100, Grouping::Miette).unwrap(), by_miette);
    // Windows a few lines apart (149-151 and 156-158) are one, as miette draws them.
    let near = duplicate(150, 157);
    let shown = render_finding(&named, &near, false, 100);
    assert_eq!(shown.matches("╭─[").count(), 1, "{shown}");
    assert_eq!(shown, render(&FindingDiagnostic::new(&named, &near), false, 100));
}

/// A corpus, when one is named (too slow for every run: miette draws each finding too).
#[test]
fn every_corpus_finding_is_drawn_as_miette_draws_it() {
    let Some(dir) = std::env::var_os("PLANLINT_RENDER_CORPUS") else { return };
    let set = RuleSet::builtin().unwrap();
    let mut tally = Tally::default();
    for path in plan_files(Path::new(&dir)) {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.to_string_lossy().into_owned();
        let Some((original, found)) = findings(&set, &name, &bytes, Lang::Vi) else { continue };
        compare(&name, &original, &found, &[100, 72], &mut tally);
    }
    eprintln!("{tally:?}");
    assert_eq!(tally.declined, 0);
}

/// Pieces of text: Vietnamese (composed and not), table rows with tabs, line ends of every
/// kind, wide and zero-width characters, escape sequences, long words, hyphens and slashes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("nhiệm vụ ".to_owned()),
        Just("Kế hoạch số 141/KH-UBND ".to_owned()),
        Just("giai đoạn 2021-2025, ".to_owned()),
        Just("nhie\u{302}\u{323}m vu\u{323} ".to_owned()),
        Just("1\tTriển khai\tUBND xã\tQuý II/2024".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("  ".to_owned()),
        Just("中文字 ".to_owned()),
        Just("✅ ".to_owned()),
        Just("\u{1b}[1mđậm\u{1b}[0m ".to_owned()),
        Just("\u{a0}\u{ad}\u{feff}".to_owned()),
        Just("a-b --c- ".to_owned()),
        Just("x".repeat(130)),
        Just("đ".repeat(70)),
        "[a-zđươôêăâ ,.;:/()“”…–-]{0,30}",
    ]
}

fn text_of(pieces: Vec<String>) -> String {
    let text: String = pieces.concat();
    if text.is_empty() { "x".to_owned() } else { text }
}

/// A char boundary of `text` at about `at` (0..=1000 per mille of its length).
fn boundary(text: &str, at: usize) -> usize {
    let mut i = text.len() * at / 1000;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn span(text: &str, (a, b): (usize, usize)) -> Span {
    Span::new(boundary(text, a), boundary(text, b))
}

fn finding(
    text: &str,
    primary: (usize, usize),
    labels: &[((usize, usize), String)],
    message: String,
    help: String,
) -> Finding {
    Finding {
        code: "T101".to_owned(),
        name: "task-lead-missing".to_owned(),
        severity: match message.len() % 3 {
            0 => Severity::Error,
            1 => Severity::Warning,
            _ => Severity::Info,
        },
        message,
        help,
        span: span(text, primary),
        labels: labels.iter().map(|(s, m)| Label { span: span(text, *s), message: m.clone() }).collect(),
    }
}

fn place() -> impl Strategy<Value = (usize, usize)> {
    (0usize..=1000, 0usize..=60).prop_map(|(a, d)| (a, (a + d * d / 4).min(1000)))
}

proptest! {
    // `PROPTEST_CASES=100000 cargo test --release --test render` for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    /// Whatever is drawn by hand is what miette draws.
    #[test]
    fn random_findings_are_drawn_as_miette_draws_them(
        text in proptest::collection::vec(piece(), 1..30),
        primary in place(),
        labels in proptest::collection::vec((place(), proptest::collection::vec(piece(), 0..3)), 0..4),
        message in proptest::collection::vec(piece(), 0..12),
        help in proptest::collection::vec(piece(), 0..12),
        width in 8usize..160,
        color in any::<bool>(),
    ) {
        let text = text_of(text);
        let labels: Vec<_> = labels.into_iter().map(|(p, m)| (p, m.concat())).collect();
        let f = finding(&text, primary, &labels, message.concat(), help.concat());
        let named = NamedText::new("p.txt", Arc::from(text.as_str()));
        if let Some(by_hand) = draw_finding(&named, &f, color, width, Grouping::Miette) {
            prop_assert_eq!(by_hand, render(&FindingDiagnostic::new(&named, &f), color, width));
        }
    }

    /// Without a lone `\r` and with labels at distinct places, everything is drawn by hand.
    #[test]
    fn plain_findings_are_all_drawn_by_hand(
        text in proptest::collection::vec(piece(), 1..30),
        primary in place(),
        labels in proptest::collection::vec((place(), "[a-zđ ]{0,20}"), 0..3),
        message in proptest::collection::vec(piece(), 0..12),
        width in 8usize..160,
    ) {
        let text = text_of(text.into_iter().map(|p| p.replace('\r', "")).collect());
        let f = finding(&text, primary, &labels, message.concat().replace('\u{1b}', ""), "sửa lại".to_owned());
        let mut offsets: Vec<usize> = std::iter::once(f.span.start).chain(f.labels.iter().map(|l| l.span.start)).collect();
        offsets.sort_unstable();
        offsets.dedup();
        prop_assume!(offsets.len() == 1 + f.labels.len());
        let named = NamedText::new("p.txt", Arc::from(text.as_str()));
        let by_hand = draw_finding(&named, &f, false, width, Grouping::Miette);
        prop_assert!(by_hand.is_some());
        prop_assert_eq!(by_hand.unwrap(), render(&FindingDiagnostic::new(&named, &f), false, width));
    }
}

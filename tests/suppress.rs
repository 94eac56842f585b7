//! Suppressions and baselines on a real plan (seed 003): a directive removes exactly the finding
//! it names, unused and malformed directives are reported at the right place (NFD text, CRLF line
//! ends), and a baseline survives lines inserted above its findings.
#![allow(clippy::unwrap_used, clippy::panic, clippy::string_slice, reason = "tests fail loudly")]

mod common;

use std::sync::Arc;

use planlint::baseline::Baseline;
use planlint::dsl::{CheckOptions, RuleSet, Stage};
use planlint::finding::Finding;
use planlint::lang::Lang;
use planlint::report::{FindingDiagnostic, render};
use planlint::source::{NamedText, SourceFile, Span};
use planlint::suppress::{self, Known, Syntax};
use unicode_normalization::UnicodeNormalization;

/// The seed's text.
fn seed() -> String {
    std::fs::read_to_string(common::seed_path("003")).unwrap()
}

/// All findings of the built-in rules on a text.
fn check(text: &str, lang: Lang) -> (SourceFile, Vec<Finding>) {
    let (src, plan) = common::extract_bytes("003.txt", text.as_bytes());
    let set = RuleSet::builtin().unwrap();
    let registry = planlint::registry::Registry::builtin().unwrap();
    let outcome = set.check(&plan, Some(&src), &CheckOptions { stage: Stage::Draft, lang, registry, parents: &[] });
    assert!(outcome.stopped.is_empty(), "rules stopped: {:?}", outcome.stopped);
    (src, outcome.findings)
}

/// Check a text, then apply its directives as the CLI will: codes of the built-in rules are
/// known, those off at the stage are disabled.
fn check_suppressed(text: &str, lang: Lang) -> (SourceFile, Vec<Finding>) {
    let (src, findings) = check(text, lang);
    let set = RuleSet::builtin().unwrap();
    let known = |code: &str| match set.rule(code) {
        Some(r) if r.draft.is_some() => Known::Enabled,
        Some(_) => Known::Disabled,
        None => Known::Unknown,
    };
    let directives = suppress::parse(src.original(), Syntax::Text);
    let out = directives.apply_suggesting(findings, &known, &set.codes(), lang);
    (src, out)
}

/// Insert a line before the 1-based line `at`, keeping the text's line end.
fn insert_line(text: &str, at: usize, line: &str) -> (String, usize) {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let offset: usize = text.split_inclusive('\n').take(at - 1).map(str::len).sum();
    (format!("{}{line}{eol}{}", &text[..offset], &text[offset..]), offset)
}

/// What must not change when a line is inserted: code, severity and places, moved by `shift`
/// bytes from `at` on.
fn places(findings: &[Finding], at: usize, shift: usize) -> Vec<(String, Span, Vec<Span>)> {
    let mv = |s: Span| if s.start >= at { Span::new(s.start + shift, s.end + shift) } else { s };
    findings
        .iter()
        .map(|f| (format!("{} {:?}", f.code, f.severity), mv(f.span), f.labels.iter().map(|l| mv(l.span)).collect()))
        .collect()
}

/// The first line where T103 fires together with another rule.
fn busy_t103_line(src: &SourceFile, findings: &[Finding]) -> usize {
    let line = |f: &Finding| src.line_col(f.span.start).line;
    findings
        .iter()
        .filter(|f| f.code == "T103")
        .map(line)
        .find(|&l| findings.iter().any(|g| g.code != "T103" && line(g) == l))
        .unwrap()
}

#[test]
fn disable_next_line_removes_exactly_that_finding() {
    let text = seed();
    let (src, before) = check(&text, Lang::Vi);
    let target = busy_t103_line(&src, &before);
    let directive = "<!-- planlint-disable-next-line T103 -->";
    let (edited, at) = insert_line(&text, target, directive);
    let shift = directive.len() + 1;

    // The directive line itself changes nothing the rules see.
    let (_, raw) = check(&edited, Lang::Vi);
    assert_eq!(places(&raw, usize::MAX, 0), places(&before, at, shift));

    let (src2, after) = check_suppressed(&edited, Lang::Vi);
    let gone: Vec<&Finding> =
        before.iter().filter(|f| f.code == "T103" && src.line_col(f.span.start).line == target).collect();
    assert_eq!(gone.len(), 1);
    let expected: Vec<Finding> = before.iter().filter(|f| !std::ptr::eq(*f, gone[0])).cloned().collect();
    assert_eq!(places(&after, usize::MAX, 0), places(&expected, at, shift));
    // The other finding on that line stays.
    assert!(after.iter().any(|f| f.code != "T103" && src2.line_col(f.span.start).line == target + 1));
}

#[test]
fn unused_code_is_reported_at_its_place_in_nfd_text_with_crlf() {
    let text: String = seed().nfd().collect::<String>().replace('\n', "\r\n");
    let (src, before) = check(&text, Lang::En);
    let target = busy_t103_line(&src, &before);
    assert!(!before.iter().any(|f| f.code == "T101" && src.line_col(f.span.start).line == target));
    // A comment in decomposed Vietnamese before the directive: columns count its characters.
    let note: String = "<!-- Nhiệm vụ thường xuyên --> ".nfd().collect();
    let (edited, at) = insert_line(&text, target, &format!("{note}<!-- planlint-disable-next-line T103, T101 -->"));
    let (src2, after) = check_suppressed(&edited, Lang::En);

    let meta: Vec<&Finding> = after.iter().filter(|f| f.code.starts_with('E')).collect();
    assert_eq!(meta.len(), 1, "{meta:#?}");
    let e006 = meta[0];
    assert_eq!((e006.code.as_str(), e006.name.as_str()), ("E006", "suppression-unused"));
    assert_eq!(src2.slice(e006.span), Some("T101"));
    let column = note.chars().count() + "<!-- planlint-disable-next-line T103, ".len() + 1;
    let place = src2.line_col(e006.span.start);
    assert_eq!((place.line, place.column), (target, column));
    assert_eq!(src2.line_col(e006.labels[0].span.start).line, target + 1);
    assert_eq!(
        e006.message,
        "code `T101` in the directive `<!-- planlint-disable-next-line T103, T101 -->` suppresses nothing: the next line has no `T101` finding"
    );

    // T103 is gone from the target line, everything else is where it was.
    let shift = edited.len() - text.len();
    let rules: Vec<Finding> = after.iter().filter(|f| !f.code.starts_with('E')).cloned().collect();
    let mut expected = before.clone();
    let gone = expected.iter().position(|f| f.code == "T103" && src.line_col(f.span.start).line == target).unwrap();
    expected.remove(gone);
    assert_eq!(places(&rules, usize::MAX, 0), places(&expected, at, shift));
}

#[test]
fn malformed_directives_are_reported_and_suppress_nothing() {
    let text = seed();
    let (src, before) = check(&text, Lang::Vi);
    let target = busy_t103_line(&src, &before);
    for (directive, at_text, help) in [
        ("<!-- planlint-disabel T103 -->", "<!--", "có phải ý bạn là `planlint-disable`?"),
        ("<!-- planlint-disable-next-line T130 -->", "T130", "có phải ý bạn là `T103`?"),
        ("<!-- planlint-disable-next-line -->", "<!--", "ghi mã các quy tắc cần bỏ qua"),
    ] {
        let (edited, _) = insert_line(&text, target, directive);
        let (src2, after) = check_suppressed(&edited, Lang::Vi);
        assert_eq!(after.len(), before.len() + 1, "{directive}");
        let e007: Vec<&Finding> = after.iter().filter(|f| f.code == "E007").collect();
        assert_eq!(e007.len(), 1, "{directive}");
        assert_eq!(e007[0].name, "suppression-malformed");
        let place = src2.line_col(e007[0].span.start);
        assert_eq!((place.line, place.column), (target, directive.find(at_text).unwrap() + 1), "{directive}");
        assert!(e007[0].help.starts_with(help), "{directive}: {}", e007[0].help);
    }
}

fn temp_dir(name: &str) -> common::Scratch {
    let dir = common::scratch(&format!("suppress-{name}"));
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    dir
}

#[test]
fn baseline_survives_lines_inserted_above_and_shows_only_the_new_defect() {
    let dir = temp_dir("baseline");
    let plan = dir.join("plans/003.txt");
    let baseline_path = dir.join("planlint-baseline.json");
    let text = seed();
    std::fs::write(&plan, &text).unwrap();
    let name = plan.display().to_string();

    let (src, before) = check(&text, Lang::Vi);
    assert!(before.len() > 40);
    let mut builder = Baseline::builder(&baseline_path);
    builder.add_file(&name, &before, src.original());
    builder.write(Lang::Vi).unwrap();

    // The same plan with five lines of notes added at the top, read in English: everything is
    // accepted.
    let notes: String = (1..=5).map(|i| format!("<!-- Ghi chú {i} của người soạn thảo -->\n")).collect();
    let moved = format!("{notes}{text}");
    let (src, after) = check(&moved, Lang::En);
    assert_eq!(after.len(), before.len());
    let baseline = Baseline::load(&baseline_path, Lang::En).unwrap();
    assert_eq!(baseline.len(), before.len());
    let m = baseline.filter(&name, after, src.original());
    assert_eq!((m.kept.len(), m.matched, m.unmatched), (0, before.len(), 0), "{:#?}", m.kept);

    // One new defect: a specific deadline turned into a recurring one.
    let row = moved.lines().position(|l| l.starts_with("22\t") && l.ends_with("\tQuý I/2026")).unwrap() + 1;
    let planted: String = moved
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == row { l.replace("Quý I/2026", "Thường xuyên") } else { l.to_owned() })
        .collect();
    let (src, findings) = check(&planted, Lang::Vi);
    let m = baseline.filter(&name, findings, src.original());
    assert_eq!((m.matched, m.unmatched), (before.len(), 0));
    let left: Vec<(String, usize)> = m.kept.iter().map(|f| (f.code.clone(), src.line_col(f.span.start).line)).collect();
    assert_eq!(left, [("T103".to_owned(), row)]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every E006 and E007 message, drawn as the terminal shows them, in both languages.
#[test]
fn rendered_messages() {
    let text = "\
<!-- planlint-disable-next-line T103 -->
1\tTổ chức tuyên truyền\tTrạm Y tế\tThường xuyên
<!-- planlint-disable T106 -->
<!-- planlint-disable-next-line T130 -->
<!-- planlint-disabel T101 -->
<!-- planlint-disable-next-line -->
<!-- planlint-enable T101 -->
<!-- planlint-disable-next-line T103 vì đây là việc thường xuyên -->
2\tKiểm tra\tPhòng Y tế\tQuý I/2026
<!-- planlint-disable-next-line T103
<!-- planlint-disable-next-line T103 -->
";
    let yaml = "\
tasks:
  # planlint: ignore[T103]
  - content: Kiểm tra
    deadline: Quý I/2026  # planlint: ignore[T101, lý do]
  # planlint: ignore T103
";
    let known = |code: &str| if code.starts_with('T') && code != "T130" { Known::Enabled } else { Known::Unknown };
    let mut out = String::new();
    for lang in [Lang::Vi, Lang::En] {
        for (name, text, syntax) in [("ke-hoach.md", text, Syntax::Text), ("ke-hoach.plan.yaml", yaml, Syntax::Yaml)] {
            let findings =
                suppress::parse(text, syntax).apply_suggesting(Vec::new(), &known, &["T101", "T103", "T106"], lang);
            let named = NamedText::new(name, Arc::from(text));
            for f in &findings {
                out.push_str(&render(&FindingDiagnostic::new(&named, f), false, 100));
                out.push('\n');
            }
        }
    }
    insta::assert_snapshot!(out);
}

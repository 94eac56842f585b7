//! The human drawing of findings and errors: bounded and panic-free on any line, with the real
//! file's line numbers and columns whatever its line ends.
//!
//! Every input here is generated (no large file is checked in): long lines of plans, configs,
//! registries and rule files, CR-only and UTF-16 copies of the seeds, random texts and spans.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly"
)]

mod common;

use std::sync::Arc;

use planlint::finding::{Finding, Label, Severity};
use planlint::report::{
    FindingDiagnostic, MAX_RENDERED_BYTES, SNIPPET_CONTEXT_CHARS, SNIPPET_LINE_CHARS, SNIPPET_SPAN_LINES, render,
    render_finding,
};
use planlint::source::{LineIndex, NamedText, Span};
use proptest::prelude::*;

/// A finding at `span` with secondary labels.
fn finding(span: Span, labels: &[(Span, &str)]) -> Finding {
    Finding {
        code: "L101".into(),
        name: "citation-date-missing".into(),
        severity: Severity::Warning,
        category: planlint::finding::Category::NoiDung,
        span,
        message: "văn bản được trích dẫn mà không ghi ngày ban hành".into(),
        help: "ghi ngày ban hành ở lần trích dẫn đầu tiên".into(),
        labels: labels.iter().map(|(s, m)| Label { span: *s, message: (*m).to_owned() }).collect(),
    }
}

/// The `file:line:column` of each snippet header of a drawing.
fn headers(drawing: &str) -> Vec<String> {
    drawing.lines().filter_map(|l| l.split_once("╭─[").map(|(_, rest)| rest.trim_end_matches(']').to_owned())).collect()
}

/// The longest line of a drawing, in characters.
fn widest(drawing: &str) -> usize {
    drawing.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// One line of 200,000 Vietnamese characters (600 KB) with a finding at column 100,001 and a
/// label at column 150,001: miette alone pads the underline with a `format!` width past 65,535
/// (a panic) and prints the whole line for each finding.
#[test]
fn a_finding_far_along_a_long_line_is_drawn_in_a_window() {
    let line: String = "nhiệm vụ ".repeat(200_000 / 9);
    let at = |column: usize| line.char_indices().nth(column).unwrap().0;
    let text = format!("KẾ HOẠCH\n{line}\nhết\n");
    let base = "KẾ HOẠCH\n".len();
    let span = Span::new(base + at(100_000), base + at(100_008));
    let label = Span::new(base + at(150_000), base + at(150_008));
    let named = NamedText::new("p.txt", Arc::from(text.as_str()));
    let f = finding(span, &[(label, "viết lần đầu ở đây")]);
    for color in [false, true] {
        let drawing = render_finding(&named, &f, color, 100);
        assert!(drawing.len() < 4 * 1024, "{} bytes:\n{drawing}", drawing.len());
        if !color {
            assert_eq!(headers(&drawing), ["p.txt:2:100001"], "{drawing}");
            // Both places on the line, each with its context, the rest elided.
            assert!(widest(&drawing) < 2 * (2 * SNIPPET_CONTEXT_CHARS + 20), "{drawing}");
            assert_eq!(drawing.matches('…').count(), 3, "{drawing}");
            assert!(drawing.contains("╰── viết lần đầu ở đây"), "{drawing}");
            assert!(drawing.contains("1 │ KẾ HOẠCH") && drawing.contains("3 │ hết"), "{drawing}");
        }
    }
}

/// A span longer than a window is shortened in its middle; one over many lines is drawn over
/// its first lines.
#[test]
fn long_spans_are_shortened() {
    let line = "x".repeat(50_000);
    let named = NamedText::new("p.txt", Arc::from(line.as_str()));
    let drawing = render_finding(&named, &finding(Span::new(1000, 49_990), &[]), false, 100);
    assert_eq!(headers(&drawing), ["p.txt:1:1001"]);
    assert!(widest(&drawing) < 4 * SNIPPET_CONTEXT_CHARS + 20, "{drawing}");
    assert_eq!(drawing.matches('…').count(), 2, "before the span, in its middle: {drawing}");

    let lines: String = (1..=500).map(|i| format!("dòng {i}\n")).collect();
    let named = NamedText::new("p.txt", Arc::from(lines.as_str()));
    let end = lines.find("dòng 400").unwrap();
    let drawing = render_finding(&named, &finding(Span::new(lines.find("dòng 3\n").unwrap(), end), &[]), false, 100);
    let shown = drawing.lines().filter(|l| l.contains("│ │") || l.contains("─▶")).count();
    assert_eq!(shown, SNIPPET_SPAN_LINES, "{drawing}");
    let last = 3 + SNIPPET_SPAN_LINES - 1;
    assert!(drawing.contains(&format!(" {last} │ ╰─▶ dòng {last}…")), "{drawing}");
    assert!(!drawing.contains("dòng 399"), "{drawing}");
}

/// Lines up to the whole-line limit are drawn as miette draws them on the real text.
#[test]
fn ordinary_lines_are_drawn_as_miette_draws_them() {
    let row = "1\tTriển khai tiêm chủng mở rộng cho trẻ em dưới 1 tuổi\tTrạm Y tế\tQuý II/2026 ".repeat(8);
    assert!(row.chars().count() < SNIPPET_LINE_CHARS);
    let text = format!("a\n{row}\nb\n");
    let named = NamedText::new("p.txt", Arc::from(text.as_str()));
    let start = text.find("Trạm").unwrap() + 400;
    let start = (start..).find(|&i| text.is_char_boundary(i)).unwrap();
    let f = finding(Span::new(start, start), &[(Span::new(2, 5), "ở đây")]);
    let windowed = render_finding(&named, &f, false, 100);
    let raw = miette_alone(&FindingDiagnostic::new(&named, &f));
    assert_eq!(windowed, raw);
}

/// miette's own drawing of a diagnostic, without the window (what `render` was before).
fn miette_alone(d: &dyn miette::Diagnostic) -> String {
    miette_alone_at(d, 100)
}

fn miette_alone_at(d: &dyn miette::Diagnostic, width: usize) -> String {
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .without_syntax_highlighting()
        .with_width(width)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace);
    let mut out = String::new();
    handler.render_report(&mut out, d).unwrap();
    out
}

/// A plan with one paragraph of 2,600 sentences on one line (210 KB), each citing a decision
/// without its date: 2,600 findings, most past column 65,536. The run does not panic, and each
/// drawing stays small (the line was printed whole for each of them: a gigabyte).
#[test]
fn a_plan_with_a_200_kb_line_is_checked_with_bounded_output() {
    let seed = std::fs::read_to_string(common::seed_path("003")).unwrap();
    let mut lines: Vec<&str> = seed.lines().collect();
    let paragraph: String = (0..2600)
        .map(|i| format!("Triển khai nội dung {i} theo Quyết định số {}/QĐ-UBND của UBND huyện. ", i + 100))
        .collect();
    assert!(paragraph.len() >= 200_000);
    lines.insert(lines.len() / 2, &paragraph);
    let dir = common::scratch("render-long-line");
    std::fs::write(dir.join("p.txt"), lines.join("\n")).unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "p.txt"], None);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let far = headers(&out).iter().filter(|h| h.rsplit(':').next().unwrap().parse::<usize>().unwrap() > 65_536).count();
    assert!(far > 1000, "{far} findings past column 65,536");
    let drawings = out.matches("╭─[").count();
    assert!(out.len() < drawings * 2048, "{} bytes for {drawings} drawings", out.len());
    assert!(widest(&out) < SNIPPET_LINE_CHARS + 20, "a line of {} characters", widest(&out));
}

/// A plan of 210 KB on a single line (a converter that wrote no line ends).
#[test]
fn a_one_line_plan_is_checked_with_bounded_output() {
    let seed = std::fs::read_to_string(common::seed_path("003")).unwrap().replace('\n', " ");
    let text = seed.repeat(210_000 / seed.len() + 1);
    let dir = common::scratch("render-one-line");
    std::fs::write(dir.join("p.txt"), &text).unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "p.txt"], None);
    assert!(code == 0 || code == 1, "{code}: {err}");
    let drawings = out.matches("╭─[").count();
    assert!(drawings > 0, "{out}");
    assert!(out.len() < drawings * 2048 + 256, "{} bytes for {drawings} drawings", out.len());
}

/// A config whose error is past column 65,536 of its line.
#[test]
fn a_config_error_on_a_long_line_is_drawn_in_a_window() {
    let dir = common::scratch("render-config");
    let codes = vec!["T101"; 15_000].join(", ");
    std::fs::write(dir.join("planlint.yaml"), format!("stage: draft\nignore: [{codes}, ZZZ9]\n")).unwrap();
    std::fs::copy(common::seed_path("000"), dir.join("p.txt")).unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "p.txt"], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("`ZZZ9`") && err.contains("╭─[planlint.yaml:2:90010]"), "{err}");
    assert!(err.len() < 2048, "{err}");
}

/// A registry whose error spans a line of 150,000 characters.
#[test]
fn a_registry_error_on_a_long_line_is_drawn_in_a_window() {
    let dir = common::scratch("render-registry");
    let names: Vec<String> = (0..8000).map(|i| format!("Ủy ban số {i}")).collect();
    let registry = format!(
        "documents:\n- {{symbol: 20-NQ/TW, type: Nghị quyết, issuer: Ban Chấp hành, issuer_names: [{}], date: '2017-13-45', title: về y tế, status: in_force}}\n",
        names.join(", ")
    );
    std::fs::write(dir.join("registry.yaml"), registry).unwrap();
    std::fs::copy(common::seed_path("000"), dir.join("p.txt")).unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "--registry", "registry.yaml", "p.txt"], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("2017-13-45") && err.contains("╭─[registry.yaml:2:"), "{err}");
    assert!(err.len() < 4096, "{err}");
}

/// A rule file whose error is past column 65,536 (miette alone panicked here).
#[test]
fn a_rule_file_error_on_a_long_line_is_drawn_in_a_window() {
    let dir = common::scratch("render-rule-file");
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    let rule = std::fs::read_to_string(common::root().join("fixtures/rule-files/unknown-field.plr")).unwrap();
    let long = format!("where task.lead is empty and \"{}\" == \"y\" and task.lesd is empty", "x".repeat(70_000));
    std::fs::write(dir.join("rules/X002-lead-missing.plr"), rule.replace("where task.lesd is empty", &long)).unwrap();
    std::fs::copy(common::seed_path("000"), dir.join("p.txt")).unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "--rules", "rules", "p.txt"], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("X002-lead-missing.plr:10:70057]"), "{err}");
    assert!(err.contains("and task.lesd is empty\n"), "{err}");
    assert!(err.len() < 2048, "{err}");
}

/// A file whose lines end with a lone `\r` (old Mac style) is drawn as its `\n` copy is: same
/// line numbers, same columns, same snippets.
#[test]
fn cr_only_line_ends_keep_their_line_numbers() {
    let seed = std::fs::read_to_string(common::seed_path("000")).unwrap();
    let lf = common::scratch("render-lf");
    let cr = common::scratch("render-cr");
    let crlf = common::scratch("render-crlf");
    std::fs::write(lf.join("p.txt"), &seed).unwrap();
    std::fs::write(cr.join("p.txt"), seed.replace('\n', "\r")).unwrap();
    std::fs::write(crlf.join("p.txt"), seed.replace('\n', "\r\n")).unwrap();
    let (_, expected, _) = common::planlint_in(&lf, &["check", "p.txt"], None);
    assert!(headers(&expected).len() > 10, "{expected}");
    assert!(headers(&expected).iter().any(|h| h.starts_with("p.txt:5") || h.starts_with("p.txt:6")), "{expected}");
    for dir in [cr, crlf] {
        let (_, out, err) = common::planlint_in(&dir, &["check", "p.txt"], None);
        assert_eq!(out, expected, "{err}");
    }
}

/// `extract --spans bytes` on a UTF-16 file: offsets into the file's UTF-16 bytes, with and
/// without a byte-order mark.
#[test]
fn byte_spans_of_utf16_files_point_into_the_file() {
    let seed = std::fs::read_to_string(common::seed_path("000")).unwrap();
    let dir = common::scratch("render-utf16");
    let utf16: Vec<u8> = seed.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(utf16.iter().copied()).collect();
    std::fs::write(dir.join("utf8.txt"), &seed).unwrap();
    std::fs::write(dir.join("utf16.txt"), &utf16).unwrap();
    std::fs::write(dir.join("bom.txt"), &with_bom).unwrap();
    let spans = |name: &str| -> Vec<(usize, usize)> {
        let (code, out, err) = common::planlint_in(&dir, &["extract", name, "--spans", "bytes"], None);
        assert_eq!(code, 0, "{err}");
        let mut found = Vec::new();
        collect_spans(&serde_json::from_str(&out).unwrap(), &mut found);
        found
    };
    let utf8 = spans("utf8.txt");
    assert!(utf8.len() > 100, "{}", utf8.len());
    let decode = |bytes: &[u8]| {
        let units: Vec<u16> = bytes.chunks(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        String::from_utf16(&units).unwrap()
    };
    for (name, bytes) in [("utf16.txt", &utf16), ("bom.txt", &with_bom)] {
        let other = spans(name);
        assert_eq!(other.len(), utf8.len());
        for (&(a, b), &(c, d)) in utf8.iter().zip(&other) {
            assert_eq!(decode(&bytes[c..d]), seed[a..b], "{name}: [{c}, {d}] against [{a}, {b}]");
        }
    }
}

/// Every `[start, end]` pair of numbers in a JSON value.
fn collect_spans(v: &serde_json::Value, out: &mut Vec<(usize, usize)>) {
    match v {
        serde_json::Value::Array(items) => {
            if let [serde_json::Value::Number(a), serde_json::Value::Number(b)] = items.as_slice() {
                if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
                    out.push((a as usize, b as usize));
                    return;
                }
            }
            items.iter().for_each(|i| collect_spans(i, out));
        }
        serde_json::Value::Object(map) => map.values().for_each(|i| collect_spans(i, out)),
        _ => {}
    }
}

/// Pieces of text: Vietnamese (composed and not), tabs, line ends of every kind, wide and
/// zero-width characters, escape sequences, long runs.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("nhiệm vụ ".to_owned()),
        Just("Kế hoạch số 141/KH-UBND ".to_owned()),
        Just("nhie\u{302}\u{323}m vu\u{323} ".to_owned()),
        Just("1\tTriển khai\tUBND xã\tQuý II/2024".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("中文字 ".to_owned()),
        Just("\u{1b}[1mđậm\u{1b}[0m ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("x".repeat(3000)),
        Just("đ".repeat(1500)),
        "[a-zđươôêăâ ,.;:/()“”…–-]{0,30}",
    ]
}

/// A byte offset of `text` at about `at` per mille of its length (on a character boundary or
/// not, as spans from outside may be).
fn offset(text: &str, at: usize) -> usize {
    text.len() * at / 1000
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    /// Any text, any spans, any width: a drawing, within the size limit, with a window headed
    /// by the primary span's line and column.
    #[test]
    fn any_finding_is_drawn_within_the_limit(
        text in proptest::collection::vec(piece(), 1..40),
        primary in (0usize..=1000, 0usize..=1000),
        labels in proptest::collection::vec(((0usize..=1000, 0usize..=1000), "[a-zđ ]{0,20}"), 0..4),
        width in 1usize..200,
        color in any::<bool>(),
    ) {
        let text: String = text.concat();
        let span = |(a, b): (usize, usize)| {
            let (a, b) = (offset(&text, a.min(b)), offset(&text, a.max(b)));
            Span::new(a, b)
        };
        let labels: Vec<(Span, &str)> = labels.iter().map(|(p, m)| (span(*p), m.as_str())).collect();
        let f = finding(span(primary), &labels);
        let named = NamedText::new("p.txt", Arc::from(text.as_str()));
        let drawing = render_finding(&named, &f, color, width);
        prop_assert!(drawing.len() <= MAX_RENDERED_BYTES);
        if !color && text.is_char_boundary(f.span.start) {
            // The primary place heads its window (a label before it may head another).
            let at = LineIndex::new(&text).line_col(&text, f.span.start);
            let place = format!("p.txt:{}:{}", at.line, at.column);
            prop_assert!(headers(&drawing).contains(&place), "{} not in:\n{}", place, drawing);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    /// On lines shorter than the whole-line limit (and line ends miette reads as planlint does:
    /// no lone `\r`), a finding with one place is drawn exactly as miette draws it on the real
    /// text: the window changes nothing users see on ordinary plans.
    #[test]
    fn ordinary_findings_look_as_miette_draws_them(
        text in proptest::collection::vec(piece(), 1..40),
        primary in (0usize..=1000, 0usize..=1000),
        width in 20usize..160,
    ) {
        let text: String = text.concat().replace('\r', "").replace(&"x".repeat(3000), "x x").replace(&"đ".repeat(1500), "đđ");
        // (An empty text has nothing to show: miette draws an empty frame, the window none.)
        prop_assume!(!text.is_empty() && text.lines().all(|l| l.chars().count() < SNIPPET_LINE_CHARS));
        let boundary = |at: usize| (0..=offset(&text, at)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let (a, b) = (boundary(primary.0.min(primary.1)), boundary(primary.0.max(primary.1)));
        let lines = LineIndex::new(&text);
        prop_assume!(lines.line_index(b) - lines.line_index(a) < SNIPPET_SPAN_LINES);
        let f = finding(Span::new(a, b), &[]);
        let named = NamedText::new("p.txt", Arc::from(text.as_str()));
        let raw = miette_alone_at(&FindingDiagnostic::new(&named, &f), width);
        prop_assert_eq!(render_finding(&named, &f, false, width), raw);
    }
}

/// `render` windows every diagnostic, not only findings: one whose source is a plain string.
#[test]
fn any_diagnostic_is_windowed() {
    #[derive(Debug, thiserror::Error, miette::Diagnostic)]
    #[error("sai ở đây")]
    struct Far {
        #[source_code]
        src: miette::NamedSource<String>,
        #[label("chỗ này")]
        at: miette::SourceSpan,
    }
    let text = format!("{}lỗi{}", "a".repeat(100_000), "b".repeat(100_000));
    let d = Far { src: miette::NamedSource::new("x.yaml", text), at: (100_000, 4).into() };
    let drawing = render(&d, false, 80);
    assert!(drawing.contains("╭─[x.yaml:1:100001]"), "{drawing}");
    assert!(drawing.len() < 2048, "{drawing}");
}

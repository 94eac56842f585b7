//! Extraction end to end: a snapshot of the model of every fixture plan (spans as
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]
//! `line:column`), the same model from the NFD, CRLF and UTF-16 forms of each seed with spans that
//! point at the right characters of their own file, and no panic on any text.

mod common;

use common::{extract_bytes, extract_file, root};
use planlint::source::{SourceFile, with_located_spans};
use proptest::prelude::*;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

#[test]
fn model_snapshots() {
    // Real plans and their conversions; the crafted plans under `crafted/` exercise rules.
    insta::glob!("../fixtures/plans", "{seeds,variants,layouts}/*.{txt,md}", |path| {
        let (src, plan) = extract_file(path);
        let yaml = with_located_spans(&src, || serde_yaml::to_string(&plan).unwrap());
        insta::assert_snapshot!(yaml);
    });
}

/// Every `{text|raw, span}` pair of a model serialized with byte spans.
fn spanned(value: &Value, out: &mut Vec<(String, usize, usize)>) {
    match value {
        Value::Object(map) => {
            let text = map.get("text").or_else(|| map.get("raw")).and_then(Value::as_str);
            let span = map.get("span").and_then(Value::as_array);
            if let (Some(text), Some([Value::Number(a), Value::Number(b)])) = (text, span.map(Vec::as_slice)) {
                out.push((text.to_owned(), a.as_u64().unwrap() as usize, b.as_u64().unwrap() as usize));
            }
            map.values().for_each(|v| spanned(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| spanned(v, out)),
        _ => {}
    }
}

/// Compare texts without what extraction removes or adds: decoration, whitespace, line breaks.
fn squash(s: &str) -> String {
    s.nfc().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '|' | '\\' | '_')).collect()
}

/// Every text of the model is the text of the original file under its span.
fn assert_spans_point_at_their_text(src: &SourceFile, model: &Value, label: &str) {
    let mut pairs = Vec::new();
    spanned(model, &mut pairs);
    assert!(pairs.len() > 50, "{label}: too few spanned values");
    for (text, a, b) in pairs {
        let original = src
            .original()
            .get(a..b)
            .unwrap_or_else(|| panic!("{label}: span {a}..{b} of `{text}` is not on character boundaries"));
        if text.is_empty() {
            assert_eq!(a, b, "{label}: empty text with a non-empty span");
            continue;
        }
        // Usually the same text; a cell merged with its continuation row spans the cells between.
        let (orig, want) = (squash(original), squash(&text));
        let mut rest = orig.chars();
        let subsequence = want.chars().all(|c| rest.any(|o| o == c));
        let same_ends = orig.chars().next() == want.chars().next() && orig.chars().last() == want.chars().last();
        assert!(orig == want || (subsequence && same_ends), "{label}: span {a}..{b}: `{orig}` for `{want}`");
    }
}

fn strip_spans(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(strip_spans);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

#[test]
fn nfd_crlf_and_utf16_give_the_same_model_with_their_own_spans() {
    let mut checked = 0;
    let dirs = [
        root().join("fixtures/plans/seeds"),
        root().join("fixtures/plans/variants"),
        root().join("fixtures/plans/layouts"),
        root().join("fixtures/real"),
    ];
    // The real-plan corpus: every layout of real input, spans checked against its own text.
    let plans = dirs.iter().flat_map(|d| walk(d)).filter(|p| {
        let name = p.file_name().unwrap().to_string_lossy();
        !p.starts_with(root().join("fixtures/real")) || name.starts_with(|c: char| c.is_ascii_digit())
    });
    for entry in plans {
        let bytes = std::fs::read(&entry).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let name = entry.to_string_lossy().into_owned();
        let nfd: String = text.nfd().collect();
        let crlf = text.replace('\n', "\r\n");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(nfd.replace('\n', "\r\n").encode_utf16().flat_map(u16::to_le_bytes));
        let variants: [(&str, Vec<u8>); 4] =
            [("nfc", bytes), ("nfd", nfd.clone().into_bytes()), ("crlf", crlf.into_bytes()), ("utf16-nfd-crlf", utf16)];
        let mut models = Vec::new();
        for (label, data) in variants {
            let (src, plan) = extract_bytes(&name, &data);
            let model = serde_json::to_value(&plan).unwrap();
            assert_spans_point_at_their_text(&src, &model, &format!("{name} ({label})"));
            // Lines are the same whatever the form; columns count the file's own characters.
            let located = with_located_spans(&src, || serde_json::to_value(&plan).unwrap());
            let mut without = model.clone();
            strip_spans(&mut without);
            models.push((label, without, located, src));
        }
        let (_, reference, located_nfc, _) = &models[0];
        for (label, model, located, src) in &models[1..] {
            assert_eq!(model, reference, "{name}: the {label} form gives another model");
            if *label == "crlf" {
                assert_eq!(located, located_nfc, "{name}: CRLF changes a line or column");
            }
            let _ = src;
        }
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} fixtures");
}

/// In an NFD file, a column counts the decomposed characters the editor shows.
#[test]
fn columns_count_the_characters_of_the_file_as_written() {
    let line = "Căn cứ Quyết định số 1300/QĐ-BYT ngày 09/3/2023 của Bộ Y tế;";
    let plan_text = format!(
        "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nLục Bình, ngày 16 tháng 5 năm 2023\n\nKẾ HOẠCH\nPhòng chống dịch năm 2023\n\n{line}\n\nI. MỤC TIÊU\n"
    );
    for form in ["nfc", "nfd"] {
        let text: String = if form == "nfc" { plan_text.clone() } else { plan_text.nfd().collect() };
        let (src, plan) = extract_bytes("t.txt", text.as_bytes());
        let c = &plan.citations[0];
        let at = src.line_col(c.symbol.span.start);
        let original_line = text.lines().nth(7).unwrap();
        let expected_col = original_line.find("1300").map(|i| original_line[..i].chars().count() + 1).unwrap();
        assert_eq!((at.line, at.column), (8, expected_col), "{form}");
        if form == "nfd" {
            assert!(expected_col > line.find("1300").map(|i| line[..i].chars().count() + 1).unwrap());
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Fragments of real plans, recombined at random.
fn plan_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("KẾ HOẠCH\n".to_owned()),
        Just("Số: /KH-UBND\n".to_owned()),
        Just("Số 52 -KH/ĐU\t".to_owned()),
        Just("Lục Bình, ngày  tháng 5 năm 2023\n".to_owned()),
        Just("Căn cứ Quyết định số 1300/QĐ-".to_owned()),
        Just("BYT ngày 31/02/2023 của Bộ Y tế về việc ".to_owned()),
        Just("I. MỤC TIÊU\n".to_owned()),
        Just("## **1.2. Mục tiêu cụ thể**\n".to_owned()),
        Just("(3) Tỷ lệ bao phủ bảo hiểm y tế đạt trên 96%; ".to_owned()),
        Just("0,5 0,‰/năm ".to_owned()),
        Just("TT\tNội dung\tĐơn vị chủ trì\tThời hạn\n".to_owned()),
        Just("1\tTổ chức\tTrạm Y tế\tQuý I/2026\n".to_owned()),
        Just("\tBYT\t\t\n".to_owned()),
        Just("| 1 | a | b |\n|---|---|\n".to_owned()),
        Just("Phụ lục số 1\n(Kèm theo Kế hoạch số: /KH-UBND ngày / /2025".to_owned()),
        Just("Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n".to_owned()),
        Just("\n\n\n".to_owned()),
        "[ -~àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ\u{300}\u{301}\u{303}\u{309}\u{323}\t\n\r‰%≥≤–“”…]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(parts in proptest::collection::vec(plan_fragment(), 0..40)) {
        let text: String = parts.concat();
        let vocab = planlint::registry::builtin_indicators().unwrap();
        for form in [text.clone(), text.nfd().collect::<String>()] {
            if let Ok(src) = SourceFile::from_text("p.txt", &form) {
                if let Ok(plan) = planlint::extract::extract(&src, vocab) {
                    let model = serde_json::to_value(&plan).unwrap();
                    let mut pairs = Vec::new();
                    spanned(&model, &mut pairs);
                    for (_, a, b) in pairs {
                        prop_assert!(a <= b && b <= src.original().len());
                        prop_assert!(src.original().is_char_boundary(a) && src.original().is_char_boundary(b));
                    }
                    let _ = with_located_spans(&src, || serde_yaml::to_string(&plan).unwrap());
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(src) = SourceFile::from_bytes("b.txt", &bytes) {
            let _ = planlint::extract::extract(&src, planlint::registry::builtin_indicators().unwrap());
        }
    }
}

/// A Word document holding `body` (the inside of `<w:body>`), stored with the `zip` crate.
fn word_document(body: &str) -> Vec<u8> {
    use std::io::Write as _;
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    out.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    out.write_all(xml.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

/// A task table whose lead and deadline cells of task 1 are merged down over task 2, and task 3
/// with its lead left blank.
fn merged_task_table() -> Vec<u8> {
    let cell = |text: &str, merge: &str| {
        let merge = match merge {
            "restart" => r#"<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>"#,
            "continue" => "<w:tcPr><w:vMerge/></w:tcPr>",
            _ => "",
        };
        format!("<w:tc>{merge}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let row =
        |cells: &[(&str, &str)]| format!("<w:tr>{}</w:tr>", cells.iter().map(|(t, m)| cell(t, m)).collect::<String>());
    let rows = [
        row(&[("TT", ""), ("Nội dung", ""), ("Đơn vị chủ trì", ""), ("Thời gian hoàn thành", "")]),
        row(&[
            ("1", ""),
            ("Tuyên truyền phòng chống dịch", ""),
            ("Trạm Y tế xã", "restart"),
            ("Quý I/2024", "restart"),
        ]),
        row(&[("2", ""), ("Phun hóa chất diệt muỗi", ""), ("", "continue"), ("", "continue")]),
        row(&[("3", ""), ("Kiểm tra vệ sinh môi trường", ""), ("", ""), ("Quý II/2024", "")]),
    ];
    let grid = "<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>";
    let kind = "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>";
    word_document(&format!("{kind}<w:tbl>{grid}{}</w:tbl>", rows.concat()))
}

#[test]
fn a_cell_merged_down_gives_its_lead_and_deadline_to_the_tasks_below() {
    let src = SourceFile::from_bytes("merged.docx", &merged_task_table()).unwrap();
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let plan = planlint::extract::extract_fragment(&src, vocab).unwrap();
    let tasks: Vec<_> = plan.tasks.iter().map(|t| (t.number.text.as_str(), t)).collect();
    assert_eq!(tasks.iter().map(|(n, _)| *n).collect::<Vec<_>>(), ["1", "2", "3"]);
    let (_, merged) = tasks[1];
    // The Word reader repeats a merged cell's text on the rows it spans (docx::text), so the
    // task's own lead is already the merged one, and its effective lead agrees.
    assert_eq!(merged.lead.text, "Trạm Y tế xã", "the merged cell is read on every row it spans");
    assert_eq!(merged.effective_lead().text, "Trạm Y tế xã", "task 2 is led by the merged cell");
    assert_eq!(merged.effective_deadline().text, "Quý I/2024", "task 2 is due with the merged cell");
    let (_, blank) = tasks[2];
    assert_eq!(blank.carried_lead, None, "a blank cell that is not merged carries nothing");
    assert!(blank.effective_lead().is_blank());
}

#[test]
fn t101_and_t102_report_the_blank_cells_but_not_the_merged_ones() {
    use planlint::lint::{Context, Settings, lint_source};
    let settings = Settings::builtin(planlint::lang::Lang::Vi).unwrap();
    let src = SourceFile::from_bytes("merged.docx", &merged_task_table()).unwrap();
    let result = lint_source(src, &settings, &Context::new(&settings));
    let plan = result.plan.as_ref().expect("the table and the kind line make a plan");
    let content_of = |code: &str| -> Vec<String> {
        let found: Vec<_> = result.findings.iter().filter(|f| f.code == code).collect();
        let tasks = plan.tasks.iter().filter(|t| found.iter().any(|f| f.span == t.content.span));
        tasks.map(|t| t.number.text.clone()).collect()
    };
    assert_eq!(content_of("T101"), ["3"], "task 2's lead is the merged cell; task 3's is blank");
    assert!(content_of("T102").is_empty(), "every task has a deadline, task 2 the merged one's");
}

//! Every seed-level rule test holds on a Word rendering of the same plan (issue 16, item 7): the
//! four seed plans (`fixtures/plans/seeds/*.txt`) and their Word renderings
//! (`fixtures/docx/seeds/*.docx`, written by `fixtures/docx/make.py`: the header and the closing
//! as two-column layout tables, headings with Word's automatic numbering, task tables as Word
//! tables with merged lead cells) get the same findings: the same codes, as many times each, and
//! each Word finding points at the paragraph (and table cell) that holds the text its text
//! finding points at.
//!
//! No code differs today. Were one to differ legitimately, it would be listed here with why:
//! a rule about what converting a document to text leaves (hard-wrapped lines, a header whose
//! two columns run into one line) has nothing to report on a Word file, which has no such
//! artefacts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use planlint::docx::{self, Limits, WordDocument};
use serde_json::Value;

const SEEDS: [&str; 4] =
    ["000_069ff08a07d18407", "001_ca01ee79a25c53f9", "003_499b1605bf18a62a", "004_637658ef43bae47a"];

/// Codes allowed to differ between a seed and its Word rendering, with why (none today).
const DIFFERING: [(&str, &str); 0] = [];

fn check(path: &Path) -> Vec<Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    json["diagnostics"].as_array().unwrap().clone()
}

fn field(d: &Value, name: &str) -> usize {
    usize::try_from(d[name].as_u64().unwrap_or_else(|| panic!("no {name} in {d}"))).unwrap()
}

/// Spaces collapsed, Markdown emphasis markers and a leading outline number dropped, at most 24
/// characters: what a finding points at, comparable between the two renderings. (A heading's
/// number is typed in the seed but shown by Word's numbering in the rendering, outside the
/// paragraph's text, where Word places count from: `II. Nhiệm vụ` is `Nhiệm vụ` in paragraph N.)
fn key(text: &str) -> String {
    let text = text.replace('*', "");
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 1 && words.first().is_some_and(|w| is_outline_number(w)) {
        words.remove(0);
    }
    words.join(" ").chars().take(24).collect()
}

/// `II.`, `3.`, `2.1.`, `a)`: a number of the plan's outline.
fn is_outline_number(word: &str) -> bool {
    let Some(body) = word.strip_suffix('.').or_else(|| word.strip_suffix(')')) else { return false };
    body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        || body.split('.').all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        || (word.ends_with(')') && body.chars().count() == 1 && body.chars().all(char::is_lowercase))
}

/// The text from (line, column) to (end line, end column) of `lines` (1-based, characters), or
/// the rest of the line when the span is empty.
fn pointed(lines: &[&str], d: &Value) -> String {
    let (line, col) = (field(d, "line"), field(d, "column"));
    let (end_line, end_col) = (field(d, "end_line"), field(d, "end_column"));
    let chars = |l: usize| -> Vec<char> { lines.get(l - 1).map_or(vec![], |t| t.chars().collect()) };
    let text: String = if (end_line, end_col) <= (line, col) {
        chars(line).into_iter().skip(col - 1).collect()
    } else if end_line == line {
        chars(line).into_iter().skip(col - 1).take(end_col - col).collect()
    } else {
        let mut s: String = chars(line).into_iter().skip(col - 1).collect();
        for l in line + 1..end_line {
            s.push(' ');
            s.extend(chars(l));
        }
        s.push(' ');
        s.extend(chars(end_line).into_iter().take(end_col - 1));
        s
    };
    // An empty place (an empty symbol's number) says nothing: take the line from the start.
    if key(&text).is_empty() { chars(line).into_iter().collect() } else { text }
}

/// Each Word finding's place is a paragraph of the document, and, in a table, a paragraph of
/// the cell it names.
fn assert_place_is_in_the_document(doc: &WordDocument, d: &Value) {
    let paragraphs = doc.paragraphs();
    let line = field(d, "line");
    let loc = &d["location"];
    assert_eq!(loc["paragraph"].as_u64(), Some(line as u64), "{d}");
    assert!(line >= 1 && line <= paragraphs.len(), "{d}");
    if let Some(t) = loc["table"].as_u64() {
        let tables = doc.tables();
        let (row, cell) = (field(loc, "row"), field(loc, "cell"));
        let table = tables[usize::try_from(t).unwrap() - 1];
        let cell = table.rows[row - 1].cells.iter().find(|c| c.col + 1 == cell).unwrap_or_else(|| panic!("{d}"));
        assert!(cell.paragraphs().iter().any(|p| p.ordinal + 1 == line), "{d}: the paragraph is not in its cell");
    }
}

#[test]
fn every_seed_and_its_word_rendering_have_the_same_findings_at_the_same_places() {
    let root = common::root();
    for seed in SEEDS {
        let txt = root.join(format!("fixtures/plans/seeds/{seed}.txt"));
        let docx_path = root.join(format!("fixtures/docx/seeds/{seed}.docx"));
        let text = std::fs::read_to_string(&txt).unwrap();
        let text_lines: Vec<&str> = text.split('\n').collect();
        let doc = docx::read(&std::fs::read(&docx_path).unwrap(), &Limits::default()).unwrap();
        let word_lines: Vec<String> = doc.paragraphs().iter().map(|p| p.line_text()).collect();
        let word_lines: Vec<&str> = word_lines.iter().map(String::as_str).collect();

        let from_text = check(&txt);
        let from_word = check(&docx_path);
        assert!(!from_text.is_empty(), "{seed}: the seed has findings");
        let differing = |d: &&Value| DIFFERING.iter().any(|(c, _)| d["code"] == *c);

        // code -> the places (what they point at), sorted.
        let places = |ds: &[Value], lines: &[&str]| -> BTreeMap<String, Vec<String>> {
            let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for d in ds.iter().filter(|d| !differing(d)) {
                m.entry(d["code"].as_str().unwrap().to_owned()).or_default().push(key(&pointed(lines, d)));
            }
            m.values_mut().for_each(|v| v.sort());
            m
        };
        let codes = |m: &BTreeMap<String, Vec<String>>| -> Vec<(String, usize)> {
            m.iter().map(|(c, v)| (c.clone(), v.len())).collect()
        };
        let (in_text, in_word) = (places(&from_text, &text_lines), places(&from_word, &word_lines));
        assert_eq!(codes(&in_word), codes(&in_text), "{seed}: the same codes, as many times each");
        assert_eq!(in_word, in_text, "{seed}: each finding points at the same text");

        for d in &from_word {
            assert_place_is_in_the_document(&doc, d);
        }
    }
}

/// The Word renderings are Word documents as an editor types them, not text in a `.docx`: the
/// header is the layout table, the outline is Word's automatic numbering (with the seeds' own
/// gaps as start overrides), task tables are tables with merged lead cells.
#[test]
fn the_word_renderings_use_word_structures() {
    let root = common::root();
    for seed in SEEDS {
        let path = root.join(format!("fixtures/docx/seeds/{seed}.docx"));
        let doc = docx::read(&std::fs::read(&path).unwrap(), &Limits::default()).unwrap();
        let numbered: Vec<String> = doc.paragraphs().iter().filter_map(|p| p.numbering.clone()).collect();
        assert!(numbered.iter().any(|n| n == "I."), "{seed}: {numbered:?}");
        assert!(numbered.iter().any(|n| n == "1."), "{seed}: {numbered:?}");
        let tables = doc.tables();
        let layouts = tables.iter().filter(|t| t.layout == docx::TableLayout::Columns).count();
        // 000 has no header; the others have the header and the closing tables.
        assert_eq!(layouts, if seed.starts_with("000") { 1 } else { 2 }, "{seed}");
    }
    let doc = docx::read(
        &std::fs::read(root.join("fixtures/docx/seeds/003_499b1605bf18a62a.docx")).unwrap(),
        &Limits::default(),
    )
    .unwrap();
    let numbered: Vec<String> = doc.paragraphs().iter().filter_map(|p| p.numbering.clone()).collect();
    // `2.1.` shown from Word's counters; the seed's `5.` then `8.` is Word's own gap.
    assert!(numbered.iter().any(|n| n == "2.1."), "{numbered:?}");
    let gap = numbered.iter().position(|n| n == "8.").unwrap();
    assert_eq!(numbered[gap - 1], "5.");
    let tasks = doc.tables().into_iter().find(|t| t.rows.len() > 40).unwrap();
    assert!(tasks.rows[0].is_header);
    let merged = tasks.rows.iter().flat_map(|r| &r.cells).filter(|c| c.merged_from_row.is_some()).count();
    assert!(merged >= 10, "{merged} merged lead cells");
}

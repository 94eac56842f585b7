//! Generated inputs that once took time growing with the square of their size (issue 18): a
//! paragraph of thousands of citations, the same separated by U+2028 or vertical tabs (one line
//! of a megabyte), and their located spans. Each is read whole and exactly; at the old cost
//! these tests ran for minutes (8,000 citations took 23 s in a release build), now for a moment.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use planlint::source::{SourceFile, with_located_spans};

const CITATIONS: usize = 8_000;

fn plan(separator: &str) -> String {
    let body: Vec<String> = (1..=CITATIONS)
        .map(|i| format!("Căn cứ Quyết định số {i}/QĐ-UBND ngày 01/01/2024 của UBND tỉnh về việc phê duyệt kế hoạch"))
        .collect();
    format!("KẾ HOẠCH\nPhòng chống dịch năm 2024\n\n{}\n\nI. MỤC TIÊU\nNội dung.\n", body.join(separator))
}

#[test]
fn thousands_of_citations_in_one_paragraph_or_one_line() {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    for (label, separator) in [("lines", "\n"), ("U+2028", "\u{2028}"), ("vertical tabs", "\u{b}")] {
        let text = plan(separator);
        let src = SourceFile::from_text("p.txt", &text).unwrap();
        let model = planlint::extract::extract(&src, vocab).unwrap();
        assert_eq!(model.citations.len(), CITATIONS, "{label}");
        assert!(model.citations.iter().all(|c| c.date.is_some() && c.issuer.is_some()), "{label}");
        // The last citation's place, counted as an editor counts it.
        let located = with_located_spans(&src, || serde_json::to_value(&model.citations[CITATIONS - 1]).unwrap());
        let span = located["span"].as_str().unwrap().to_owned();
        let symbol = format!("{CITATIONS}/QĐ-UBND");
        let at = text.find(&format!("số {symbol}")).unwrap() - "Quyết định ".len();
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        assert!(span.starts_with(&format!("{line}:{column}-")), "{label}: {span} is not at {line}:{column}");
    }
}

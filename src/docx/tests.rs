//! Messages of the Word reader's errors, in both languages.

use super::error::{DocxError, XmlPosition};
use miette::Diagnostic;

#[test]
fn every_error_is_e005_with_both_languages_and_a_help() {
    let at = XmlPosition { offset: 10, line: 2, column: 5 };
    let all = [
        DocxError::NotZip { detail: "x".into() },
        DocxError::Encrypted,
        DocxError::LegacyDoc,
        DocxError::EncryptedPart { part: "word/document.xml".into() },
        DocxError::Damaged { part: String::new(), detail: "x".into() },
        DocxError::Damaged { part: "word/styles.xml".into(), detail: "x".into() },
        DocxError::MissingPart { part: "word/document.xml".into() },
        DocxError::MalformedXml { part: "word/document.xml".into(), at, detail: "x".into() },
        DocxError::TooDeep { part: "word/document.xml".into(), at, limit: 256 },
        DocxError::TooManyEntries { count: 20_000, limit: 10_000 },
        DocxError::TooLarge { part: String::new(), limit: 256 << 20 },
        DocxError::TooLarge { part: "word/document.xml".into(), limit: 256 << 20 },
        DocxError::RatioTooHigh { part: "word/document.xml".into(), limit: 100 },
    ];
    for e in &all {
        assert_eq!(e.code(), "E005");
        assert_eq!(Diagnostic::code(e).map(|c| c.to_string()).as_deref(), Some("E005(docx-invalid)"));
        let (m, h) = (e.message(), e.help());
        assert!(!m.vi.is_empty() && !m.en().is_empty() && !h.vi.is_empty() && !h.en().is_empty());
        assert_ne!(m.vi, m.en(), "{e:?}");
        assert_eq!(e.to_string(), m.vi, "Display is the Vietnamese message");
        assert_eq!(e.message_in(crate::lang::Lang::En), m.en());
        if let Some(part) = e.part() {
            assert!(m.vi.contains(part) && m.en().contains(part), "{e:?} names its part");
        }
        if let Some(at) = e.position() {
            assert!(m.vi.contains(&format!("dòng {}, cột {}", at.line, at.column)), "{}", m.vi);
            assert!(m.en().contains(&format!("line {}, column {}", at.line, at.column)), "{}", m.en());
        }
    }
    assert_eq!(
        DocxError::TooLarge { part: "word/document.xml".into(), limit: 256 << 20 }.message().vi,
        "tệp Word giải nén ra quá 256 MB (tại phần word/document.xml)"
    );
}

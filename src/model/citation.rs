//! Document symbols (số, ký hiệu) and citations of other documents.

use serde::{Deserialize, Serialize};

use super::{DateValue, Period, Span, Text};

/// Issuer codes of Party bodies (Hướng dẫn 36-HD/VPTW): Trung ương, Văn phòng Trung ương, tỉnh
/// and thành ủy, huyện ủy, quận ủy, thị/thành ủy, đảng ủy.
pub const PARTY_ISSUER_CODES: &[&str] = &["TW", "VPTW", "TU", "HU", "QU", "TXU", "ĐU", "ĐUK", "BCS", "BTV"];

/// The form of a document symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolForm {
    /// Administrative document of a state body (Nghị định 30/2020): `122/QĐ-TTg`, `141/KH-UBND`.
    State,
    /// Legal normative document, with its year: `57/2025/NQ-HĐND`, `262/2025/QH15`.
    Normative,
    /// Party document (Hướng dẫn 36-HD/VPTW): `20-NQ/TW`, `80a-KH/HU`.
    Party,
    /// None of the above; see the defects.
    Malformed,
}

/// What is wrong with the form of a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolDefect {
    /// Spaces inside the symbol: `1300/QĐ - BYT`.
    SpaceInside,
    /// A separator with nothing on one side: `16-/CT-UBND`.
    DanglingSeparator,
    /// The symbol starts with a separator: `/141 -KH/HU`.
    LeadingSeparator,
    /// Party and state forms mixed: `21/NQ-TW`.
    MixedForm,
    /// The parts could not be told apart.
    Unparsed,
}

/// A document symbol as written and as parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symbol {
    /// The symbol as written (`57/2025/NQ-HĐND`; for a blank number, `/KH-UBND`).
    pub raw: String,
    /// Where it is.
    pub span: Span,
    /// State, normative, party or malformed.
    pub form: SymbolForm,
    /// The number (`141`, `80a`); `None` when left blank in a draft.
    pub number: Option<String>,
    /// The year inside a normative symbol.
    pub year: Option<i32>,
    /// Document type code (`KH`, `QĐ`, `NQ`, `CTr`).
    pub type_code: Option<String>,
    /// Issuer code (`UBND`, `TTg`, `TW`, `HU`).
    pub issuer_code: Option<String>,
    /// Form defects, empty when well-formed.
    pub defects: Vec<SymbolDefect>,
}

impl Symbol {
    /// `number/type-issuer` or `number-type/issuer` rebuilt from the parts, for look-ups that
    /// should not depend on spacing defects; `None` when a part is missing.
    /// Party issuer codes make the party form (`21/NQ-TW` → `21-NQ/TW`).
    pub fn canonical(&self) -> Option<String> {
        let number = self.number.as_deref()?;
        let issuer = self.issuer_code.as_deref()?;
        let Some(type_code) = self.type_code.as_deref() else {
            return self.year.map(|year| format!("{number}/{year}/{issuer}"));
        };
        Some(if PARTY_ISSUER_CODES.contains(&issuer) {
            format!("{number}-{type_code}/{issuer}")
        } else if let Some(year) = self.year {
            format!("{number}/{year}/{type_code}-{issuer}")
        } else {
            format!("{number}/{type_code}-{issuer}")
        })
    }
}

/// A document type as written and its canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocType {
    /// Canonical name (`Nghị quyết`, `Quyết định`, `Chương trình hành động`…).
    pub name: String,
    /// As written (`quyết định`, `Thông báo Kết luận`).
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// Where in the plan a citation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationContext {
    /// The title.
    Title,
    /// A legal basis paragraph before the first section.
    Basis,
    /// Running text of a section.
    Body,
    /// A task table cell.
    Task,
    /// An appendix.
    Appendix,
}

/// A numbered document cited in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The whole citation, type to title.
    pub span: Span,
    /// Document type, when written before the symbol.
    pub doc_type: Option<DocType>,
    /// The symbol.
    pub symbol: Symbol,
    /// The date, when written right after the symbol.
    pub date: Option<DateValue>,
    /// The day and month written right after the symbol when the text ends before the year
    /// (`… số 10/NQ-CP ngày 13 tháng 01` ending a table cell whose year comes further on, as a
    /// flattened table leaves it): a date was written, its year is elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_cut: Option<Text>,
    /// The issuer as written (`của Bộ Chính trị` → `Bộ Chính trị`).
    pub issuer: Option<Text>,
    /// The title (trích yếu) as written, without the leading `về`/`về việc`.
    pub title: Option<Text>,
    /// A period named in the title (`giai đoạn 2011-2023`, `đến năm 2030`).
    pub period: Option<Period>,
    /// Where in the plan it is.
    pub context: CitationContext,
}

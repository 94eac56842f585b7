//! The header, legal bases, implementation assignments, appendices, signature and recipients.

use serde::{Deserialize, Serialize};

use super::{DateValue, Span, Symbol, Text};

/// Which system issued the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerSystem {
    /// A state body (UBND, Sở, Phòng…): Nghị định 30/2020.
    State,
    /// A Party body (Đảng ủy, Huyện ủy…): Hướng dẫn 36-HD/VPTW.
    Party,
    /// Not told by the symbol or the issuer.
    #[default]
    Unknown,
}

/// The kind of body that issued a plan: its system, or one of the bodies that follow guidance of
/// their own on documents and plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Organisation {
    /// A state body (UBND, HĐND, a Sở, a Bộ): Nghị định 30/2020.
    State,
    /// A Party body.
    Party,
    /// The Fatherland Front or a mass organisation (Công đoàn, Đoàn Thanh niên, Hội Nông dân,
    /// Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh).
    Front,
    /// An election body (Ủy ban bầu cử, Ban bầu cử, their sub-committees).
    Election,
    /// Not told by the issuer.
    #[default]
    Unknown,
}

/// Whose format conventions a plan follows: its issuer's system, unless its own elements (the
/// national motto or Party heading, the signing authority, the archive line of the recipients)
/// follow the other system's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Nghị định 30/2020: the state's conventions.
    State,
    /// Hướng dẫn 36-HD/VPTW (Quy định 399-QĐ/TW from 09/01/2026): the Party's.
    Party,
    /// Both: two or more of those elements follow the system other than the issuer's, or, with
    /// no issuer system known, they follow different systems.
    Mixed,
    /// No system known.
    #[default]
    Unknown,
}

/// The place-and-date line (`Lục Bình, ngày  tháng 5 năm 2023`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceDate {
    /// The whole line.
    pub text: Text,
    /// The place name.
    pub place: Option<Text>,
    /// The date; day and month may be blank in a draft.
    pub date: DateValue,
}

/// The document header.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Header {
    /// The issuer lines as written (`ỦY BAN NHÂN DÂN`, `XÃ LỤC BÌNH`).
    pub issuer_lines: Vec<Text>,
    /// The issuer lines joined into one name.
    pub issuer: Option<Text>,
    /// State, party or unknown, from the symbol form and the issuer.
    pub system: IssuerSystem,
    /// The kind of body, from the issuer's name (`front` and `election` before the system).
    #[serde(default)]
    pub organisation: Organisation,
    /// The national motto or Party heading lines (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`…).
    pub motto: Vec<Text>,
    /// The whole symbol line (`Số: 58/KH-UBND`).
    pub symbol_line: Option<Text>,
    /// The plan's own symbol, parsed.
    pub symbol: Option<Symbol>,
    /// The place-and-date line.
    pub place_date: Option<PlaceDate>,
}

/// A legal-basis paragraph and the citations it contains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    /// The paragraph.
    pub text: Text,
    /// Indices into `plan.citations` of the documents it cites.
    pub citations: Vec<usize>,
}

/// A unit named in *Tổ chức thực hiện* and its duties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The unit (heading text, `Đề nghị` removed).
    pub unit: Text,
    /// The duties: the paragraphs and bullets under the unit.
    pub duties: Vec<Text>,
    /// The heading line.
    pub span: Span,
}

/// What an appendix caption says about the plan it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppendixRef {
    /// The whole `(Kèm theo Kế hoạch số … ngày … của …)` text.
    pub text: Text,
    /// The plan's symbol as the caption gives it.
    pub symbol: Option<Symbol>,
    /// The plan's date as the caption gives it (often partial in drafts).
    pub date: Option<DateValue>,
    /// The issuer as the caption gives it.
    pub issuer: Option<Text>,
}

/// An appendix caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appendix {
    /// The appendix number (`1`, `II`).
    pub number: Option<Text>,
    /// The caption title (`DANH MỤC MỘT SỐ CHỈ TIÊU …`).
    pub title: Option<Text>,
    /// The reference to the plan, when the caption has one.
    pub reference: Option<AppendixRef>,
    /// The caption lines.
    pub span: Span,
}

/// The signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// `TM. ỦY BAN NHÂN DÂN`, `T/M BAN THƯỜNG VỤ`.
    pub on_behalf: Option<Text>,
    /// `KT. CHỦ TỊCH`, `TL.`, `TUQ.`
    pub delegation: Option<Text>,
    /// The signer's position (`PHÓ CHỦ TỊCH`).
    pub position: Option<Text>,
    /// The signer's name.
    pub signer: Option<Text>,
    /// All lines of the block.
    pub span: Span,
}

/// The recipients (*Nơi nhận*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    /// The `Nơi nhận:` line.
    pub heading: Text,
    /// One entry per recipient line.
    pub items: Vec<Text>,
    /// The whole list.
    pub span: Span,
}

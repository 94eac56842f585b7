//! The plan model (SPEC.md §3): what extraction produces and what rules judge. Plain data with
//! serde in both directions; every value keeps the span of the original text it came from. No
//! parsing happens here.

mod citation;
mod date;
mod number;
mod parts;
mod section;
mod target;
mod task;

use serde::{Deserialize, Serialize};

pub use crate::source::Span;
pub use citation::{Citation, CitationContext, DocType, PARTY_ISSUER_CODES, Symbol, SymbolDefect, SymbolForm};
pub use date::{Date, DateForm, DateStatus, DateValue, Deadline, DeadlineKind, Period, PeriodKind, days_in_month};
pub use number::Decimal;
pub use parts::{
    Appendix, AppendixRef, Assignment, Basis, Header, IssuerSystem, Organisation, PlaceDate, Recipients, Regime,
    Signature,
};
pub use section::{Numbering, Role, Section, Sequence};
pub use target::{Change, Comparator, Number, StatedIn, Target, Unit, UnitKind, ValueStatus, YearSource};
pub use task::{Task, TaskGroup};

/// A piece of text as written (whitespace of wrapped lines collapsed, Markdown decoration
/// removed, NFC) and the span of the original text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    /// The text.
    pub text: String,
    /// Where it is in the original file.
    pub span: Span,
}

impl Text {
    /// A text at a span.
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        Self { text: text.into(), span }
    }

    /// Whether the text is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The input form a plan was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text (`.txt`), typically converted from Word or PDF.
    #[default]
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// Word (`.docx`), read through its text rendering.
    Word,
    /// PDF (`.pdf`), read through its text layer (`pdftotext -layout`).
    Pdf,
}

/// A plan (*kế hoạch*) as rules see it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Plan {
    /// The input form.
    pub format: SourceFormat,
    /// Issuer, symbol, place and date.
    pub header: Header,
    /// The document kind as written (`KẾ HOẠCH`).
    pub kind: Option<Text>,
    /// When the plan is issued as an attachment of another document (a decision, a cover
    /// letter), that document's kind as written (`QUYẾT ĐỊNH`): the header's symbol and date are
    /// that document's, the bases its bases, the sections and tasks the attachment's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<Text>,
    /// The `(Ban hành kèm theo Quyết định số … ngày …)` line under an attached plan's title: the
    /// document that issues the plan, whose number and date are the plan's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_with: Option<AppendixRef>,
    /// The title (trích yếu).
    pub title: Option<Text>,
    /// The period the plan covers (`năm 2024`, `giai đoạn 2021-2025`, `đến năm 2030`).
    pub period: Option<Period>,
    /// The legal bases (`Căn cứ …`, `Thực hiện …` paragraphs before the first section).
    pub bases: Vec<Basis>,
    /// Every numbered document cited anywhere in the plan, in order of appearance.
    pub citations: Vec<Citation>,
    /// The heading tree.
    pub sections: Vec<Section>,
    /// Specific targets, in the objectives, in the body and in appendix target tables.
    pub targets: Vec<Target>,
    /// Group rows of the task tables (`I`, `II`…).
    pub task_groups: Vec<TaskGroup>,
    /// Every task row of the task tables, continuation rows merged.
    pub tasks: Vec<Task>,
    /// Units named in *Tổ chức thực hiện* and their duties.
    pub assignments: Vec<Assignment>,
    /// Appendix captions (`Phụ lục số 1 … (Kèm theo Kế hoạch số …)`).
    pub appendices: Vec<Appendix>,
    /// Where the text before the appendices names an appendix (`chi tiết tại Phụ lục 01 đính
    /// kèm`), each from `Phụ lục` to the end of its clause (the next `.`, `;`, `(` or `)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendix_mentions: Vec<Text>,
    /// Whose format conventions the plan follows (state, Party, or a mix of both).
    #[serde(default)]
    pub regime: Regime,
    /// The first use of each abbreviation in the body and the appendices (a word of two or more
    /// capitals that is neither a Vietnamese word nor a Roman numeral, outside symbols), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<Text>,
    /// Where the body and the appendices introduce an abbreviation: the abbreviation in brackets
    /// after the full phrase (`kế hoạch hóa gia đình (KHHGĐ)`) or after `viết tắt là`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviation_intros: Vec<Text>,
    /// The signature block.
    pub signature: Option<Signature>,
    /// The recipients (*Nơi nhận*).
    pub recipients: Option<Recipients>,
    /// For a Word plan: tracked changes not yet accepted or rejected (insertions, deletions,
    /// moves, formatting changes). The text is read as if they were all accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracked_changes: Option<u32>,
    /// For a Word plan: comments not marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_comments: Option<u32>,
}

impl Plan {
    /// Every section of the heading tree, depth first, in document order.
    pub fn all_sections(&self) -> Vec<&Section> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Section>) {
            for s in sections {
                out.push(s);
                walk(&s.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }
}

//! The heading tree.

use serde::{Deserialize, Serialize};

use super::{Span, Text};

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `I.`, `II.`, `IV.`
    Roman,
    /// `1.`, `2.`
    Arabic,
    /// `1.1.`, `2.3.1`
    Decimal,
    /// `a)`, `b.`
    Letter,
    /// `Phụ lục số 1`, `PHỤ LỤC II`
    Appendix,
    /// `Điều 1.`: the articles of a decision.
    Article,
}

/// What a section is for, recognized from its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Mục đích, yêu cầu.
    Purpose,
    /// Mục tiêu.
    Objectives,
    /// Nhiệm vụ, giải pháp, nội dung.
    Tasks,
    /// Kinh phí.
    Funding,
    /// Tổ chức thực hiện.
    Implementation,
    /// Phụ lục.
    Appendix,
    /// Anything else.
    Other,
}

/// Where a number stands in its list: a heading against the sibling just before it numbered the
/// same way (the headings under the same parent, or the main headings), a task against the task
/// before it in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sequence {
    /// No sibling before it is numbered the same way: it starts a list.
    #[default]
    First,
    /// The number after the previous sibling's (`III` after `II`). For headings also `e` after
    /// `d` (many writers letter with the Latin alphabet), and the number after a repeated one
    /// (`II`, `II`, `IV`: the count goes on; the repeat is the one defect).
    Next,
    /// The same number as the previous sibling (`II`, `II`).
    Repeat,
    /// A number skipped (`5` after `2`).
    Skip,
    /// A smaller number than the previous sibling's (`2` after `4`).
    Back,
    /// Either number cannot be read as a place in its sequence.
    Unread,
}

/// A numbered heading and what is under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The number as written, without its punctuation (`II`, `2`, `1.2`, `a`).
    pub number: Text,
    /// Roman, Arabic, decimal, letter or appendix numbering.
    pub numbering: Numbering,
    /// Depth in the tree, from 1.
    pub level: u32,
    /// The heading text after the number (`MỤC TIÊU`), Markdown decoration removed.
    pub title: Text,
    /// What the section is for.
    pub role: Role,
    /// The heading line.
    pub span: Span,
    /// The number's place in its sequence (`III` → 3, `đ` → 5, `1.2` → 2), when it can be read.
    /// Letters follow the Vietnamese order: a, b, c, d, đ, e, g… (no f, j, w, z).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    /// Where it stands in the numbering of its siblings.
    #[serde(default)]
    pub sequence: Sequence,
    /// The number the sibling just before it calls for (`III` after `II`), written the same way;
    /// none when it starts a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The number of the sibling just before it, when that one is numbered the same way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Text>,
    /// The title of that sibling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_title: Option<Text>,
    /// Sub-sections.
    pub children: Vec<Section>,
}

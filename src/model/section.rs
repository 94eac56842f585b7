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
    /// Sub-sections.
    pub children: Vec<Section>,
}

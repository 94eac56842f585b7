//! Task table rows.

use serde::{Deserialize, Serialize};

use super::{Deadline, Span, Text};

/// A group row of a task table (`I`, `II`… with a title and empty cells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskGroup {
    /// The group number as written.
    pub number: Text,
    /// The group title.
    pub title: Text,
    /// The row.
    pub span: Span,
}

/// A task: one row of a task table, with any continuation rows merged into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// The number cell (`TT`/`STT`).
    pub number: Text,
    /// The number of the group row above it, if any.
    pub group: Option<String>,
    /// Which task table of the plan it is in (from 1).
    pub table: u32,
    /// The content cell (nội dung, tên nhiệm vụ).
    pub content: Text,
    /// The lead cell (đơn vị/cơ quan chủ trì); empty text when the cell is empty.
    pub lead: Text,
    /// The lead units, split from the lead cell.
    pub leads: Vec<Text>,
    /// The partner cell (cơ quan phối hợp), when the table has that column.
    pub partners: Option<Text>,
    /// The result cell (kết quả, sản phẩm), when the table has that column.
    pub result: Option<Text>,
    /// The deadline.
    pub deadline: Deadline,
    /// The note cell (ghi chú), when the table has that column.
    pub note: Option<Text>,
    /// The whole row, continuation rows included.
    pub span: Span,
}

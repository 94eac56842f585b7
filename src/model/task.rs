//! Task table rows.

use serde::{Deserialize, Serialize};

use super::{Deadline, Sequence, Span, Text};

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
    /// When the lead cell is empty because it continues a cell merged down from the rows above
    /// (a Word table), the lead written in that cell: the lead that applies to this task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_lead: Option<Text>,
    /// The same for the deadline cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_deadline: Option<Deadline>,
    /// The number cell read as a number (`3`, `3.`; a Roman `III` too), when it can be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    /// Where the number stands against the task before it in the same table: `first` for the
    /// table's first task and for `1` opening a new group, else `next`, `repeat`, `skip`, `back`
    /// or `unread`.
    #[serde(default)]
    pub sequence: Sequence,
    /// The number cell of the task before it in the same table; none for the table's first task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Text>,
}

impl Task {
    /// The lead that applies to the task: its own cell, or the merged cell above it.
    pub fn effective_lead(&self) -> &Text {
        self.carried_lead.as_ref().unwrap_or(&self.lead)
    }

    /// The deadline that applies to the task: its own cell, or the merged cell above it.
    pub fn effective_deadline(&self) -> &Deadline {
        self.carried_deadline.as_ref().unwrap_or(&self.deadline)
    }
}

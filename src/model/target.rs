//! Targets (chỉ tiêu, mục tiêu cụ thể): indicator, comparator, value, unit, year.

use serde::{Deserialize, Serialize};

use super::{Decimal, Span, Text};

/// The comparison a target states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// `trên`, `hơn`, `vượt`, `>`.
    #[serde(rename = ">")]
    Gt,
    /// `ít nhất`, `tối thiểu`, `từ … trở lên`, `không dưới`, `≥`.
    #[serde(rename = ">=")]
    Ge,
    /// `dưới`, `<`.
    #[serde(rename = "<")]
    Lt,
    /// `không quá`, `tối đa`, `từ … trở xuống`, `≤`.
    #[serde(rename = "<=")]
    Le,
    /// `đạt`, `còn`, `giảm còn`, `xuống còn`, `duy trì`, `=`: reach the value (whether that means
    /// at least or at most depends on the indicator's direction).
    #[serde(rename = "=")]
    Eq,
    /// `khoảng`, `xấp xỉ`.
    #[serde(rename = "~")]
    Approx,
    /// `4-5`, `0,1 - 0,2`.
    #[serde(rename = "range")]
    Range,
}

/// A target stated as a change rather than a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// `tăng thêm 10%`, `thêm ít nhất 1,5 cm`.
    Increase,
    /// `giảm 5%` (a reduction by, not to).
    Decrease,
    /// `… /năm`, `mức giảm … /năm`: a change per year.
    PerYear,
}

/// Units a target value can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// `%`.
    Percent,
    /// `‰` (per 1.000).
    PerMille,
    /// Per 10.000 population (`giường bệnh/10.000 dân`, `bác sỹ/vạn dân`).
    #[serde(rename = "per_10k")]
    Per10k,
    /// Per 100.000 (live births).
    #[serde(rename = "per_100k")]
    Per100k,
    /// Years of age or life (`tuổi`, `năm`).
    Years,
    /// Centimetres.
    Cm,
    /// A count of things (`xã`, `thôn`, `ca`…).
    Count,
    /// Per health station (`bác sĩ/trạm y tế`).
    PerStation,
    /// Visits per person per year (`lượt`).
    Visits,
    /// Times per year (`mỗi năm 01 lần`).
    TimesPerYear,
    /// Points of a score (`điểm`).
    Points,
}

/// A unit as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// What unit it is.
    pub kind: UnitKind,
    /// As written (`%`, `giường bệnh/10.000 dân`, `năm`).
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A number as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Number {
    /// The value.
    pub value: Decimal,
    /// As written (`94,3`, `10.000`).
    pub raw: String,
    /// Where it is.
    pub span: Span,
}

/// Whether a target has a usable value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    /// A number was read.
    Ok,
    /// The statement has no number at all (a qualitative objective).
    Absent,
    /// A value was announced (`đạt`, `trên`…) but no number follows.
    Missing,
    /// A number is there but garbled (`0,5 0,‰`).
    Malformed,
}

/// Where the year of a target came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// The sentence or clause (`Đến năm 2030, …`).
    Sentence,
    /// The enclosing heading (`Mục tiêu đến năm 2030`).
    Heading,
    /// The column of an appendix table (`Đến năm 2030`).
    Column,
}

/// Where a target was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatedIn {
    /// A specific-objectives section (mục tiêu cụ thể).
    Objectives,
    /// A general objective or vision (mục tiêu chung, tầm nhìn).
    GeneralObjectives,
    /// Running text elsewhere (tasks, solutions…).
    Body,
    /// An appendix target table.
    Appendix,
}

/// One target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The clause or table row that states it.
    pub text: Text,
    /// The item label, when the objectives are numbered (`(3)`, `1`).
    pub label: Option<String>,
    /// The indicator id from the indicator vocabulary, when the wording matches one.
    pub indicator: Option<String>,
    /// The words that named the indicator.
    pub indicator_text: Option<Text>,
    /// The comparison, when stated.
    pub comparator: Option<Comparator>,
    /// The comparison words as written (`đạt trên`, `≥`).
    pub comparator_text: Option<Text>,
    /// A change rather than a level, when stated so.
    pub change: Option<Change>,
    /// The value (the lower bound of a range).
    pub value: Option<Number>,
    /// The upper bound of a range.
    pub value_max: Option<Number>,
    /// Whether a usable value was read.
    pub value_status: ValueStatus,
    /// The garbled text, when the value is malformed (`0,5 0,‰`).
    pub value_raw: Option<Text>,
    /// The unit.
    pub unit: Option<Unit>,
    /// The year the target is for.
    pub year: Option<i32>,
    /// Where the year came from.
    pub year_source: Option<YearSource>,
    /// Where the target was stated.
    pub stated_in: StatedIn,
    /// Whom or where the value is set for, when the plan says so: the words after the value
    /// (`90% ở tuyến xã và 100% ở tuyến huyện`), or the label the target is listed under
    /// (`Đối với các trường tiểu học:`). Two values of one indicator for different subjects do not
    /// conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Text>,
    /// What the target measures, as one key: indicator, change, unit, subject (its level or
    /// place: `ở tuyến xã`) and year (`bhyt_coverage|increase|percent|ở tuyến xã|2025`). Two
    /// targets with the same key set a value for the same thing. None without an indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

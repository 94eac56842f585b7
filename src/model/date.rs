//! Dates as written (possibly partial or impossible), calendar dates, periods and deadlines.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Span;

/// A calendar date, serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        (day >= 1 && (1..=12).contains(&month) && day <= days_in_month(year, month)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// The first day of a month.
    pub fn month_start(year: i32, month: u32) -> Option<Self> {
        Self::new(year, month, 1)
    }

    /// The last day of a month.
    pub fn month_end(year: i32, month: u32) -> Option<Self> {
        Self::new(year, month, days_in_month(year, month))
    }
}

/// Days in a month of the Gregorian calendar (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let mut parts = text.splitn(3, '-');
        let parsed = (|| {
            let y = parts.next()?.parse().ok()?;
            let m = parts.next()?.parse().ok()?;
            let d = parts.next()?.parse().ok()?;
            Date::new(y, m, d)
        })();
        parsed.ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
    }
}

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateForm {
    /// `16/5/2023`, `16-5-2023`, `16.5.2023`.
    Numeric,
    /// `ngày 16 tháng 5 năm 2023`.
    Words,
}

/// Whether a written date is a real day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// Day, month and year given and the day exists.
    Complete,
    /// Some part left blank (drafts: `ngày  tháng 5 năm 2023`).
    Partial,
    /// All parts given but no such day (`31/02/2023`, month 13).
    Invalid,
}

/// A date as written, with what could be read of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    /// The text as written.
    pub raw: String,
    /// Where it is.
    pub span: Span,
    /// Day, if written.
    pub day: Option<u32>,
    /// Month, if written.
    pub month: Option<u32>,
    /// Year, if written.
    pub year: Option<i32>,
    /// Numeric or in words.
    pub form: DateForm,
    /// Complete, partial or invalid.
    pub status: DateStatus,
}

impl DateValue {
    /// The calendar date, when complete.
    pub fn date(&self) -> Option<Date> {
        match (self.status, self.year, self.month, self.day) {
            (DateStatus::Complete, Some(y), Some(m), Some(d)) => Date::new(y, m, d),
            _ => None,
        }
    }

    /// The earliest day the written date can mean (a partial date is a range).
    pub fn earliest(&self) -> Option<Date> {
        let year = self.year?;
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(year, m, d),
            (Some(m), None) => Date::month_start(year, m),
            (None, _) => Date::new(year, 1, 1),
        }
    }

    /// The latest day the written date can mean.
    pub fn latest(&self) -> Option<Date> {
        let year = self.year?;
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(year, m, d),
            (Some(m), None) => Date::month_end(year, m),
            (None, _) => Date::new(year, 12, 31),
        }
    }
}

/// The kind of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// One year: `năm 2024`.
    Year,
    /// A range of years: `giai đoạn 2021-2025`.
    Range,
    /// Up to a year: `đến năm 2030`.
    Until,
}

/// A period of years, as written in a title or text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The text as written (`giai đoạn 2021-2025`).
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Year, range or until.
    pub kind: PeriodKind,
    /// First year, when stated.
    pub start_year: Option<i32>,
    /// Last year.
    pub end_year: i32,
    /// The first day it covers: 1 January of the first year (none for `đến năm 2030`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// The last day it covers: 31 December of the last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

impl Period {
    /// A period with its date range computed from its years.
    pub fn new(text: String, span: Span, kind: PeriodKind, start_year: Option<i32>, end_year: i32) -> Self {
        Self {
            text,
            span,
            kind,
            start_year,
            end_year,
            start: start_year.and_then(|y| Date::new(y, 1, 1)),
            end: Date::new(end_year, 12, 31),
        }
    }

    /// The year, when the period is one year (`năm 2024`, `2024-2024`); a target stated without a
    /// year in such a plan is for that year. `đến năm 2030` is not one year.
    pub fn single_year(&self) -> Option<i32> {
        match self.kind {
            PeriodKind::Year => Some(self.end_year),
            PeriodKind::Range if self.start_year == Some(self.end_year) => Some(self.end_year),
            PeriodKind::Range | PeriodKind::Until => None,
        }
    }
}

/// The kinds of deadline SPEC.md §3 distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A day: `30/5/2023`.
    Date,
    /// By a day: `Trước 30/5/2023`.
    BeforeDate,
    /// A month (or months) of a year: `Tháng 5/2023`, `tháng 3,4/2023`.
    Month,
    /// A span of time: `Tháng 5 - tháng 10/2023`, `Quý I/2026`, `2026-2030`.
    Range,
    /// A year: `Năm 2024`.
    Year,
    /// Repeating: `Hằng năm`, `Hàng quý`.
    Recurring,
    /// Ongoing: `Thường xuyên`, `Liên tục`.
    Continuous,
    /// Depends on an outside event: `Sau khi có hướng dẫn`.
    Conditional,
    /// Already done: `Đã triển khai tháng 3,4/2023`.
    Done,
    /// Nothing written.
    Empty,
    /// Written, but in none of the forms above.
    Other,
}

/// A task's deadline as written and as understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The cell text (empty when the cell is empty).
    pub text: String,
    /// Where it is (an empty span at the cell's place when empty).
    pub span: Span,
    /// What kind of deadline.
    pub kind: DeadlineKind,
    /// First day it can mean, when known.
    pub start: Option<Date>,
    /// Last day it can mean, when known.
    pub end: Option<Date>,
}

//! Tables: the columns of a header row recognized by their wording, task rows with their group
//! rows (`I`, `II`…) and continuation rows (a row split by a page break) merged, lead units split
//! into a list, deadlines read; and target tables (chỉ tiêu, đơn vị tính, a year column).

use super::ExtractOptions;
use super::dates::parse_deadline;
use super::headings::roman_value;
use super::layout::{Row, Table};
use super::mapped::Mapped;
use super::re::{Lazy, int};

use crate::model::{Date, Deadline, DeadlineKind, Sequence, Task, TaskGroup, Text};
use crate::source::SourceFile;
use crate::text::lower as to_lower;

pub(super) static YEAR_COLUMN: Lazy = Lazy::folded(
    r"^(?:chỉ\s+tiêu\s+|mục\s+tiêu\s+|kế\s+hoạch\s+)?(?:đến\s+(?:hết\s+)?|năm\s+|đến\s+năm\s+)*((?:19|20)[0-9]{2})$",
);

/// Column indices of a task table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TaskColumns {
    number: usize,
    content: usize,
    lead: Option<usize>,
    partners: Option<usize>,
    result: Option<usize>,
    deadline: Option<usize>,
    note: Option<usize>,
    width: usize,
}

/// Column indices of a target table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TargetColumns {
    pub(super) number: Option<usize>,
    pub(super) indicator: usize,
    pub(super) unit: Option<usize>,
    /// (column, year) of each value column.
    pub(super) values: Vec<(usize, Option<i32>)>,
}

/// What a table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TableKind {
    Tasks(TaskColumns),
    Targets(TargetColumns),
    Other,
}

fn norm(cell: &Mapped) -> String {
    to_lower(&cell.text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_number_header(t: &str) -> bool {
    matches!(t, "tt" | "stt" | "số tt" | "số thứ tự" | "tt." | "stt." | "thứ tự")
}

/// Recognize a header row.
pub(super) fn classify(opts: ExtractOptions, row: &Row) -> TableKind {
    let cells: Vec<String> = row.cells.iter().map(norm).collect();
    let find = |pred: &dyn Fn(&str) -> bool| cells.iter().position(|c| pred(c));
    let number = find(&|c| is_number_header(c));
    let indicator = find(&|c| c.contains("chỉ tiêu") || c.starts_with("chỉ số") || c.contains("tên chỉ tiêu"));
    let unit = find(&|c| c.starts_with("đơn vị tính") || c == "đvt" || c == "đơn vị");
    if let Some(indicator) = indicator {
        let values: Vec<(usize, Option<i32>)> = cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != indicator && Some(*i) != unit && Some(*i) != number)
            .filter_map(|(i, c)| {
                if let Some(caps) = YEAR_COLUMN.captures(opts, c) {
                    return Some((i, int(&caps, 1)));
                }
                (c == "mục tiêu" || c == "giá trị" || c == "kế hoạch" || c == "chỉ tiêu kế hoạch").then_some((i, None))
            })
            .collect();
        if unit.is_some() || !values.is_empty() {
            return TableKind::Targets(TargetColumns { number, indicator, unit, values });
        }
    }
    let content = find(&|c| {
        [
            "nội dung",
            "tên nhiệm vụ",
            "nhiệm vụ",
            "hoạt động",
            "công việc",
            "tên hoạt động",
            "tên đề án",
            "danh mục",
            "giải pháp",
        ]
        .iter()
        .any(|w| c.starts_with(w))
    });
    let lead = find(&|c| {
        c.contains("chủ trì")
            || c.starts_with("đơn vị thực hiện")
            || c.starts_with("cơ quan thực hiện")
            || c == "trách nhiệm"
    });
    let partners = find(&|c| c.contains("phối hợp"));
    let result = find(&|c| c.contains("kết quả") || c.contains("sản phẩm"));
    let deadline = find(&|c| {
        c.contains("thời hạn") || c.contains("thời gian") || c.contains("tiến độ") || c.starts_with("hoàn thành")
    });
    let note = find(&|c| c.starts_with("ghi chú"));
    match (number, content) {
        (Some(number), Some(content)) if lead.is_some() || deadline.is_some() => TableKind::Tasks(TaskColumns {
            number,
            content,
            lead,
            partners,
            result,
            deadline,
            note,
            width: cells.len(),
        }),
        _ => TableKind::Other,
    }
}

/// Words that begin the name of a unit (for splitting a lead cell).
const UNIT_HEADS: &[&str] = &[
    "phòng",
    "trạm",
    "trung tâm",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "công an",
    "ban",
    "hội",
    "đoàn",
    "mặt trận",
    "bảo hiểm",
    "bhxh",
    "sở",
    "bộ",
    "cục",
    "chi cục",
    "văn phòng",
    "đảng ủy",
    "đảng uỷ",
    "huyện ủy",
    "các",
    "trường",
    "bệnh viện",
    "đài",
    "công chức",
    "cán bộ",
    "quân sự",
    "liên đoàn",
    "thường trực",
];

fn starts_with_unit_head(t: &str) -> bool {
    let lower = to_lower(t);
    UNIT_HEADS.iter().any(|h| lower.strip_prefix(h).is_some_and(|r| r.is_empty() || r.starts_with(' ')))
}

/// Split a lead cell into units: at commas and semicolons where the next part names a unit of
/// its own (`UBND/Ban …, Trạm Y tế xã`), not inside a collective (`Các phòng, ban, ngành, thôn`);
/// at ` và ` when a unit name follows.
pub(super) fn split_leads(cell: &Mapped) -> Vec<Mapped> {
    let t = cell.text.as_str();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if c == ',' || c == ';' {
            parts.push((start, i));
            start = i + 1;
        }
    }
    parts.push((start, t.len()));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in parts {
        let piece = t.get(a..b).unwrap_or_default().trim();
        if piece.is_empty() {
            continue;
        }
        let independent = piece.chars().next().is_some_and(char::is_uppercase)
            || (starts_with_unit_head(piece) && piece.split_whitespace().count() >= 2);
        match merged.last_mut() {
            Some(last) if !independent => last.1 = b,
            _ => merged.push((a, b)),
        }
    }
    let mut out = Vec::new();
    for (a, b) in merged {
        let piece = t.get(a..b).unwrap_or_default();
        let mut from = a;
        for (i, _) in piece.match_indices(" và ") {
            let right = piece.get(i + " và ".len()..).unwrap_or_default();
            if starts_with_unit_head(right) {
                out.push(cell.slice(from, a + i).trimmed(&[]));
                from = a + i + " và ".len();
            }
        }
        out.push(cell.slice(from, b).trimmed(&[]));
    }
    out.retain(|m| !m.is_empty());
    out
}

/// Rows of task tables turned into tasks and groups.
#[derive(Debug, Default)]
pub(super) struct TaskBuilder {
    pub(super) tasks: Vec<Task>,
    pub(super) groups: Vec<TaskGroup>,
    /// Cell texts of finished rows (continuations merged), for the citation scan.
    pub(super) texts: Vec<Mapped>,
    table: u32,
    columns: Option<TaskColumns>,
    header_key: Vec<String>,
    /// The task being built: its cells (merged with continuation rows), first and last line.
    current: Option<(Vec<Mapped>, usize, usize, Option<String>)>,
    group: Option<String>,
}

impl TaskBuilder {
    /// Feed a table element; it is given back when it is not a task table. A table without a
    /// header row continues the previous task table when its rows have the same width (a table
    /// split by a page break or a paragraph).
    pub(super) fn table(
        &mut self,
        opts: ExtractOptions,
        src: &SourceFile,
        lines: &[super::layout::Line],
        table: Table,
    ) -> Option<Table> {
        let Some(first) = table.rows.first() else {
            return Some(table);
        };
        let mut skip = 0;
        match classify(opts, first) {
            TableKind::Tasks(cols) => {
                self.flush(opts, src, lines);
                self.table += 1;
                self.group = None;
                self.header_key = first.cells.iter().map(norm).collect();
                self.columns = Some(cols);
                skip = 1;
            }
            TableKind::Targets(_) => return Some(table),
            TableKind::Other => {
                let continues = self.columns.as_ref().is_some_and(|c| first.cells.len() == c.width);
                if !continues {
                    return Some(table);
                }
            }
        }
        for row in table.rows.into_iter().skip(skip) {
            self.row(opts, src, lines, row);
        }
        None
    }

    fn row(&mut self, opts: ExtractOptions, src: &SourceFile, lines: &[super::layout::Line], row: Row) {
        let Some(cols) = self.columns.clone() else {
            return;
        };
        // A header repeated after a page break (compared only when the first cell matches).
        let first_matches =
            row.cells.first().zip(self.header_key.first()).is_some_and(|(c, h)| to_lower(&c.text) == *h);
        if first_matches && row.cells.iter().map(norm).eq(self.header_key.iter().cloned()) {
            return;
        }
        let cell = |i: usize| row.cells.get(i).cloned().unwrap_or_default();
        let number = cell(cols.number);
        let others_empty = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != cols.number && *i != cols.content)
            .all(|(_, c)| c.is_empty());
        if number.is_empty() {
            if let Some((cells, _, last, _)) = self.current.as_mut()
                && row.cells.iter().any(|c| !c.is_empty())
            {
                for (i, c) in row.cells.iter().enumerate() {
                    if let Some(target) = cells.get_mut(i) {
                        target.join(c);
                    }
                }
                *last = row.line;
            }
            return;
        }
        let n = number.text.trim_end_matches('.');
        let is_group =
            others_empty && (roman_value(n).is_some() || (n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase())));
        if is_group {
            self.flush(opts, src, lines);
            let title = cell(cols.content);
            let span = span_of_lines(src, lines, row.line, row.line);
            self.groups.push(TaskGroup { number: number.to_text(src), title: title.to_text(src), span });
            self.texts.push(title);
            self.group = Some(n.to_owned());
            return;
        }
        self.flush(opts, src, lines);
        let mut cells = row.cells;
        cells.resize(cols.width.max(cells.len()), Mapped::default());
        self.current = Some((cells, row.line, row.line, self.group.clone()));
    }

    /// Finish the task being built.
    pub(super) fn flush(&mut self, opts: ExtractOptions, src: &SourceFile, lines: &[super::layout::Line]) {
        let (Some((cells, first, last, group)), Some(cols)) = (self.current.take(), self.columns.as_ref()) else {
            return;
        };
        let empty = Mapped::default();
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i));
        let text = |i: Option<usize>| cell(i).map(|m| cell_text(src, lines, m, first));
        let lead_cell = cell(cols.lead).unwrap_or(&empty);
        let deadline_text = cell_text(src, lines, cell(cols.deadline).unwrap_or(&empty), first);
        thread_local! {
            /// Deadline cells repeat (`Thường xuyên`, `Năm 2025`), within a plan and across plans.
            static DEADLINES: crate::memo::Memo<(DeadlineKind, Option<Date>, Option<Date>)> =
                crate::memo::Memo::default();
        }
        let (kind, start, end) =
            crate::memo::remember(&DEADLINES, &deadline_text.text, 0, || parse_deadline(opts, &deadline_text.text));
        // A cell merged down from the rows above (Word) is empty in the text: the task takes the
        // value of the task above it in the same table.
        let above = self.tasks.last().filter(|t| t.table == self.table);
        let merged = |col: Option<usize>| col.is_some_and(|c| merged_from_above(src, first, c));
        let lead = cell_text(src, lines, lead_cell, first);
        let carried_lead = match above {
            Some(t) if lead.is_blank() && merged(cols.lead) => Some(t.effective_lead().clone()),
            _ => None,
        };
        let carried_deadline = match above {
            Some(t) if kind == DeadlineKind::Empty && merged(cols.deadline) => Some(t.effective_deadline().clone()),
            _ => None,
        };
        self.tasks.push(Task {
            number: text(Some(cols.number)).unwrap_or_default(),
            group,
            table: self.table,
            content: text(Some(cols.content)).unwrap_or_default(),
            lead,
            leads: split_leads(lead_cell).iter().map(|m| m.to_text(src)).collect(),
            partners: text(cols.partners),
            result: text(cols.result),
            deadline: Deadline { text: deadline_text.text, span: deadline_text.span, kind, start, end },
            note: text(cols.note),
            span: span_of_lines(src, lines, first, last),
            carried_lead,
            carried_deadline,
            // Set once the plan's tables are numbered (`facts::number_tasks`).
            ordinal: None,
            sequence: Sequence::First,
            previous: None,
        });
        self.texts.extend(cells.into_iter().filter(|c| !c.is_empty()));
    }
}

/// Whether the cell at column `col` of the row on line `line` continues a vertically merged cell
/// of a Word table.
fn merged_from_above(src: &SourceFile, line: usize, col: usize) -> bool {
    let Some(word) = src.word() else { return false };
    match word.locations.get(line) {
        Some(crate::docx::Location::Row { cells, .. }) => {
            cells.iter().any(|c| c.col == col && c.merged_from_row.is_some())
        }
        _ => false,
    }
}

/// A cell's text; an empty cell gets an empty span at the start of its row's line.
fn cell_text(src: &SourceFile, lines: &[super::layout::Line], m: &Mapped, line: usize) -> Text {
    if m.is_empty() {
        let at = lines.get(line).map_or(0, |l| l.start);
        return Text::new("", src.span(at, at));
    }
    m.to_text(src)
}

/// The span of whole lines `first..=last` (without the final line break).
pub(super) fn span_of_lines(
    src: &SourceFile,
    lines: &[super::layout::Line],
    first: usize,
    last: usize,
) -> crate::model::Span {
    let start = lines.get(first).map_or(0, |l| l.start);
    let end = lines.get(last).map_or(start, |l| l.end);
    src.span(start, end)
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[&YEAR_COLUMN]);
    }

    fn row(cells: &[&str]) -> Row {
        let text = cells.join("\t");
        let mut out = Vec::new();
        let mut at = 0;
        for c in cells {
            out.push(Mapped::clean(&text, at, at + c.len()));
            at += c.len() + 1;
        }
        Row { line: 0, cells: out }
    }

    #[test]
    fn header_wordings() {
        assert!(matches!(classify(OPTS, &row(&["TT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"])), TableKind::Tasks(_)));
        assert!(matches!(
            classify(
                OPTS,
                &row(&[
                    "STT",
                    "Tên nhiệm vụ cụ thể",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                    "Kết quả",
                    "Thời gian hoàn thành"
                ])
            ),
            TableKind::Tasks(_)
        ));
        match classify(
            OPTS,
            &row(&[
                "TT",
                "Chỉ tiêu phát triển",
                "Đơn vị tính",
                "Đến năm 2030",
                "Cơ quan chủ trì theo dõi, đánh giá",
                "Ghi chú",
            ]),
        ) {
            TableKind::Targets(c) => assert_eq!((c.indicator, c.unit, c.values), (1, Some(2), vec![(3, Some(2030))])),
            other => panic!("{other:?}"),
        }
        assert_eq!(classify(OPTS, &row(&["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])), TableKind::Other);
    }

    fn leads(cell: &str) -> Vec<String> {
        split_leads(&Mapped::copy(cell, 0, cell.len())).into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn lead_units() {
        assert_eq!(leads("Các phòng, ban, ngành, thôn"), ["Các phòng, ban, ngành, thôn"]);
        assert_eq!(
            leads("UBND/Ban Chăm sóc sức khỏe Nhân dân xã, Trạm Y tế xã"),
            ["UBND/Ban Chăm sóc sức khỏe Nhân dân xã", "Trạm Y tế xã"]
        );
        assert_eq!(
            leads("BHXH, Trung tâm Y tế Tứ Kỳ, phòng Kinh tế, VHXH"),
            ["BHXH", "Trung tâm Y tế Tứ Kỳ", "phòng Kinh tế", "VHXH"]
        );
        assert_eq!(leads("Phòng Văn hóa và Thông tin"), ["Phòng Văn hóa và Thông tin"]);
        assert_eq!(leads("Phòng Y tế và Trung tâm Y tế huyện"), ["Phòng Y tế", "Trung tâm Y tế huyện"]);
        assert!(leads("").is_empty());
    }
}

//! The text rendering of a Word document and the location of each line.
//!
//! - A body paragraph is one line: its displayed number, a space (none when Word puts nothing
//!   after the number), then its text with tabs and line breaks as spaces.
//! - A blank line separates consecutive paragraphs, as Word's paragraph spacing does, except
//!   where the next paragraph visibly goes on with the previous one's sentence (the previous
//!   does not end with punctuation and the next starts with a lower-case letter: a title split
//!   over two paragraphs). Empty paragraphs are blank lines of their own.
//! - A data table is one line per row, cells separated by tabs, a cell's paragraphs joined by a
//!   space, a cell spanning columns followed by empty cells so that columns line up with the
//!   grid, a cell continuing a vertical merge showing the merged cell's text again (a lead unit
//!   merged over several tasks leads each). Blank lines go before and after it.
//! - A layout table (the header, the closing: two columns, or three with a spacer) is its left
//!   column's non-empty paragraphs, one per line, then the next column's.
//! - Footnotes and endnotes come last, one line per paragraph, `[mark] ` before the first.

use std::ops::Range;

use serde::Serialize;

use super::{Block, NumberSuffix, Paragraph, Table, TableLayout, VMerge, WordDocument};

/// Where a line of [`WordDocument::to_text`] comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// A blank line the rendering adds between blocks.
    Gap,
    /// A paragraph of the body or of a note.
    Paragraph {
        /// The paragraph's [`Paragraph::ordinal`].
        ordinal: usize,
        /// Byte offset in the line where the paragraph's text starts (after the number).
        text_start: usize,
    },
    /// A row of a data table.
    Row {
        /// Index of the table among the body's tables ([`WordDocument::tables`]).
        table: usize,
        /// Index of the row in the table.
        row: usize,
        /// The row's cells and where each is in the line.
        cells: Vec<CellSpan>,
    },
    /// One paragraph of a cell of a layout table ([`super::TableLayout::Columns`]).
    ColumnParagraph {
        /// Index of the table among the body's tables.
        table: usize,
        /// Index of the row in the table.
        row: usize,
        /// Grid column the cell starts at (0 is the left one).
        col: usize,
        /// The paragraph's ordinal.
        ordinal: usize,
        /// Byte offset in the line where the paragraph's text starts.
        text_start: usize,
    },
}

impl WordPlace {
    /// The place in words: `đoạn 12` / `bảng 2, hàng 5, ô 3 (đoạn 140)`.
    pub fn label(&self, lang: crate::lang::Lang) -> String {
        let para = lang.pick(format!("đoạn {}", self.paragraph), format!("paragraph {}", self.paragraph));
        match (self.table, self.row, self.cell) {
            (Some(t), Some(r), Some(c)) => lang
                .pick(format!("bảng {t}, hàng {r}, ô {c} ({para})"), format!("table {t}, row {r}, cell {c} ({para})")),
            _ => para,
        }
    }
}

impl Location {
    /// The Word place of byte `offset` of this location's line (`line` is the line's text).
    /// `None` for a gap, or an empty cell. A place in the repeated text of a continued merge is
    /// in the row where the merged cell starts, where a Word user sees that text.
    pub fn place(&self, line: &str, offset: usize) -> Option<WordPlace> {
        let column = |from: usize| {
            let upto = offset.max(from);
            line.get(from..upto).map_or(0, |t| t.chars().count()) + 1
        };
        match self {
            Location::Gap => None,
            Location::Paragraph { ordinal, text_start } => Some(WordPlace {
                paragraph: ordinal + 1,
                table: None,
                row: None,
                cell: None,
                column: column(*text_start),
            }),
            Location::ColumnParagraph { table, row, col, ordinal, text_start } => Some(WordPlace {
                paragraph: ordinal + 1,
                table: Some(table + 1),
                row: Some(row + 1),
                cell: Some(col + 1),
                column: column(*text_start),
            }),
            Location::Row { table, row, .. } => {
                let cell = self.cell_at(offset)?;
                let &(ordinal, start) =
                    cell.paragraphs.iter().rev().find(|(_, s)| *s <= offset).or(cell.paragraphs.first())?;
                Some(WordPlace {
                    paragraph: ordinal + 1,
                    table: Some(table + 1),
                    // The text of a continued merge is in the row where the merged cell starts.
                    row: Some(cell.merged_from_row.unwrap_or(*row) + 1),
                    cell: Some(cell.col + 1),
                    column: column(start),
                })
            }
        }
    }

    /// The cell of a row line that byte `offset` of the line falls in (a tab belongs to the
    /// cell before it).
    pub fn cell_at(&self, offset: usize) -> Option<&CellSpan> {
        let Location::Row { cells, .. } = self else { return None };
        cells.iter().rev().find(|c| c.range.start <= offset)
    }

    /// Where the line is, as a Word user looks for it (1-based): `đoạn 12` / `paragraph 12`,
    /// `bảng 2, hàng 5, ô 3` / `table 2, row 5, cell 3` (the cell at byte `offset` of a row
    /// line). `None` for a gap.
    pub fn label(&self, offset: usize, lang: crate::lang::Lang) -> Option<String> {
        let en = lang.is_en();
        Some(match self {
            Location::Gap => return None,
            Location::Paragraph { ordinal, .. } => {
                lang.pick(format!("đoạn {}", ordinal + 1), format!("paragraph {}", ordinal + 1))
            }
            Location::Row { table, row, .. } => {
                let cell = self.cell_at(offset).map(|c| c.col + 1);
                match (en, cell) {
                    (true, Some(c)) => format!("table {}, row {}, cell {c}", table + 1, row + 1),
                    (true, None) => format!("table {}, row {}", table + 1, row + 1),
                    (false, Some(c)) => format!("bảng {}, hàng {}, ô {c}", table + 1, row + 1),
                    (false, None) => format!("bảng {}, hàng {}", table + 1, row + 1),
                }
            }
            Location::ColumnParagraph { table, row, col, .. } => lang.pick(
                format!("bảng {}, hàng {}, ô {}", table + 1, row + 1, col + 1),
                format!("table {}, row {}, cell {}", table + 1, row + 1, col + 1),
            ),
        })
    }
}

/// A cell in a row line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellSpan {
    /// Index of the cell in [`super::Row::cells`].
    pub cell: usize,
    /// The grid column it starts at.
    pub col: usize,
    /// Byte range of its text in the line (for a continued merge, the merged cell's text again).
    pub range: Range<usize>,
    /// For a cell continuing a vertical merge, the row where the merged cell starts.
    pub merged_from_row: Option<usize>,
    /// The cell's paragraphs: each one's ordinal and the byte offset in the line where its text
    /// starts (after its number).
    pub paragraphs: Vec<(usize, usize)>,
}

/// Where a place of the text rendering is in the Word document, as a Word user counts: the
/// paragraph (1-based ordinal in reading order, as [`super::WordDocument::paragraphs`] lists
/// them), the table, row and cell (1-based; none for a paragraph outside tables), and the
/// character in the paragraph's text (1-based, after its automatic number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordPlace {
    /// The paragraph, from 1.
    pub paragraph: usize,
    /// The table, from 1 (body tables in reading order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    /// The row, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The cell's grid column, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<usize>,
    /// The character in the paragraph's text, from 1.
    #[serde(skip)]
    pub column: usize,
}

struct Out {
    text: String,
    locs: Vec<Location>,
}

impl Out {
    fn line(&mut self, line: &str, loc: Location) {
        self.text.push_str(line);
        self.text.push('\n');
        self.locs.push(loc);
    }

    fn gap(&mut self) {
        if !self.last_blank() {
            self.line("", Location::Gap);
        }
    }

    fn last_blank(&self) -> bool {
        self.locs.is_empty() || self.text.ends_with("\n\n")
    }
}

/// The number and text of a paragraph as one line, and where the text starts.
fn para_line(p: &Paragraph) -> (String, usize) {
    let mut line = String::with_capacity(p.text.len() + 8);
    if let Some(n) = &p.numbering {
        line.push_str(n);
        if p.number_suffix != NumberSuffix::Nothing {
            line.push(' ');
        }
    }
    let start = line.len();
    line.push_str(&p.line_text());
    (line, start)
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['.', ';', ':', '!', '?', '…', ')', '"', '”'])
}

/// Whether a paragraph's first word is lower-case letters only (`nhiệm kỳ…`, not `a)`).
fn goes_on(t: &str) -> bool {
    let word = t.split_whitespace().next().unwrap_or_default();
    !word.is_empty() && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
}

pub(super) fn render(doc: &WordDocument) -> (String, Vec<Location>) {
    let mut out = Out { text: String::with_capacity(doc.blocks.len() * 120), locs: Vec::new() };
    let mut table_index = 0;
    let mut prev: Option<&Paragraph> = None;
    let mut in_notes = false;
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                let (mut line, mut start) = para_line(p);
                if let Some(mark) = &p.note {
                    if !in_notes {
                        out.gap();
                        in_notes = true;
                    }
                    let first = prev.is_none_or(|q| q.note != p.note);
                    if first && let Some(m) = &mark.mark {
                        line.insert_str(0, &format!("[{m}] "));
                        start += m.len() + 3;
                    }
                    if line.trim().is_empty() {
                        prev = Some(p);
                        continue;
                    }
                } else if line.trim().is_empty() {
                    out.line("", Location::Paragraph { ordinal: p.ordinal, text_start: start });
                    prev = None;
                    continue;
                } else {
                    let continues = prev.is_some_and(|q| {
                        q.numbering.is_none() && p.numbering.is_none() && !ends_sentence(&q.text) && goes_on(&p.text)
                    });
                    if !continues {
                        out.gap();
                    }
                }
                out.line(&line, Location::Paragraph { ordinal: p.ordinal, text_start: start });
                prev = Some(p);
            }
            Block::Table(t) => {
                out.gap();
                match t.layout {
                    TableLayout::Grid => grid(&mut out, t, table_index),
                    TableLayout::Columns => columns(&mut out, t, table_index),
                }
                out.gap();
                table_index += 1;
                prev = None;
            }
        }
    }
    (out.text, out.locs)
}

fn grid(out: &mut Out, t: &Table, table: usize) {
    for (ri, row) in t.rows.iter().enumerate() {
        let mut line = String::new();
        let mut cells = Vec::with_capacity(row.cells.len());
        let row_continues = row.cells.first().is_some_and(|c| c.col == 0 && c.v_merge == VMerge::Continue);
        let mut col = 0;
        for (ci, cell) in row.cells.iter().enumerate() {
            // Empty cells for grid columns skipped before this cell (gridBefore).
            while col < cell.col {
                if col > 0 {
                    line.push('\t');
                }
                col += 1;
            }
            if col > 0 {
                line.push('\t');
            }
            let start = line.len();
            // A cell continuing a vertical merge shows the merged cell's text: a lead unit merged
            // over five tasks leads each of them, as a reader of the printed table understands.
            // Not in a row whose first cell continues a merge too: that row goes on with the
            // record above (one task over several rows), and stays empty where merged.
            let shown = if cell.v_merge == VMerge::Continue {
                if row_continues {
                    None
                } else {
                    cell.merged_from_row
                        .and_then(|r| t.rows.get(r))
                        .and_then(|r| r.cells.iter().find(|c| c.col == cell.col && c.v_merge != VMerge::Continue))
                }
            } else {
                Some(cell)
            };
            let mut paragraphs = Vec::new();
            if let Some(shown) = shown {
                let (text, marks) = shown.text_with_paragraphs();
                line.push_str(&text);
                paragraphs = marks.into_iter().map(|(ordinal, at)| (ordinal, start + at)).collect();
            }
            cells.push(CellSpan {
                cell: ci,
                col: cell.col,
                range: start..line.len(),
                merged_from_row: cell.merged_from_row,
                paragraphs,
            });
            col += 1;
            // Empty cells for the other columns a spanning cell covers.
            for _ in 1..cell.grid_span {
                line.push('\t');
                col += 1;
            }
        }
        while col < t.columns {
            if col > 0 {
                line.push('\t');
            }
            col += 1;
        }
        out.line(&line, Location::Row { table, row: ri, cells });
    }
}

fn columns(out: &mut Out, t: &Table, table: usize) {
    for col in 0..t.columns {
        for (ri, row) in t.rows.iter().enumerate() {
            let Some(cell) = row.cells.iter().find(|c| c.col == col) else { continue };
            for p in cell.paragraphs() {
                let (line, start) = para_line(p);
                if line.trim().is_empty() {
                    continue;
                }
                out.line(
                    &line,
                    Location::ColumnParagraph { table, row: ri, col, ordinal: p.ordinal, text_start: start },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn labels_name_the_place_as_word_users_count() {
        let span = |cell, col, range: Range<usize>| {
            let paragraphs = vec![(40 + cell, range.start)];
            CellSpan { cell, col, range, merged_from_row: None, paragraphs }
        };
        let row =
            Location::Row { table: 1, row: 4, cells: vec![span(0, 0, 0..1), span(1, 1, 2..12), span(2, 3, 14..20)] };
        assert_eq!(row.cell_at(0).map(|c| c.col), Some(0));
        assert_eq!(row.cell_at(1).map(|c| c.col), Some(0), "the tab after a cell");
        assert_eq!(row.cell_at(5).map(|c| c.col), Some(1));
        assert_eq!(row.cell_at(15).map(|c| c.col), Some(3));
        assert_eq!(row.label(5, Lang::Vi).as_deref(), Some("bảng 2, hàng 5, ô 2"));
        assert_eq!(row.label(15, Lang::En).as_deref(), Some("table 2, row 5, cell 4"));
        let p = Location::Paragraph { ordinal: 11, text_start: 3 };
        assert_eq!(p.label(0, Lang::Vi).as_deref(), Some("đoạn 12"));
        assert_eq!(p.cell_at(0), None);
        assert_eq!(Location::Gap.label(0, Lang::En), None);
        let c = Location::ColumnParagraph { table: 0, row: 1, col: 1, ordinal: 5, text_start: 0 };
        assert_eq!(c.label(0, Lang::En).as_deref(), Some("table 1, row 2, cell 2"));
    }

    #[test]
    fn places_count_paragraphs_and_characters_from_one() {
        let cells = vec![CellSpan {
            cell: 0,
            col: 2,
            range: 0..22,
            merged_from_row: None,
            paragraphs: vec![(7, 0), (8, "Sở Y tế ".len())],
        }];
        let row = Location::Row { table: 0, row: 3, cells };
        // `Sở Y tế` ⏎ `UBND xã`: the cell's two paragraphs on one line.
        let line = "Sở Y tế UBND xã";
        let at = row.place(line, "Sở Y tế UB".len()).unwrap();
        assert_eq!((at.paragraph, at.table, at.row, at.cell, at.column), (9, Some(1), Some(4), Some(3), 3));
        assert_eq!(at.label(Lang::Vi), "bảng 1, hàng 4, ô 3 (đoạn 9)");
        let p = Location::Paragraph { ordinal: 0, text_start: 3 };
        // After the number `1. `, the text's characters: `đ` is two bytes, one character.
        let at = p.place("1. đạt 95%", 3 + "đạt".len()).unwrap();
        assert_eq!((at.paragraph, at.column, at.table), (1, 4, None));
        assert_eq!(at.label(Lang::En), "paragraph 1");
        assert_eq!(Location::Gap.place("", 0), None);
    }
}

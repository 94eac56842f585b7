//! Word documents (`.docx`): the body as Word shows it, in reading order.
//!
//! [`read`] opens the zip package under [`Limits`], streams `word/document.xml` with
//! `quick_xml` (no tree of the whole file is built) and gives a [`WordDocument`]: paragraphs with
//! their style, heading level and the number Word *displays* for them (computed from
//! `numbering.xml`), tables with merged cells, footnotes and endnotes after the body, and counts of
//! pending tracked changes and comments. Tracked changes are read as accepted.
//! [`WordDocument::to_text`] renders it as text lines the text reader understands, with a
//! [`Location`] per line that leads back to the paragraph or table cell.
//!
//! Indices are 0-based everywhere (`ordinal`, `table`, `row`, `col`); add 1 to show them.

mod body;
mod comments;
mod error;
mod numbering;
mod package;
mod styles;
mod text;
mod xml;

use serde::Serialize;

pub use error::{DocxError, XmlPosition};
pub use text::{CellSpan, Location, WordPlace};

/// Limits against zip bombs and malformed input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the zip archive (a Word document has 10 to 100; images add one each).
    pub max_entries: usize,
    /// Bytes the archive may unpack to: checked against the sizes the archive declares for all
    /// its entries, then against the bytes really unpacked from the parts read.
    pub max_total_uncompressed: u64,
    /// Unpacked bytes per compressed byte of a part, judged once a part passes 1 MiB (Word's
    /// XML compresses 5 to 20 times).
    pub max_compression_ratio: u64,
    /// Nesting depth of XML elements (Word's deepest, a table in a text box in a table, is
    /// under 40).
    pub max_xml_depth: usize,
}

impl Limits {
    /// Default for [`Limits::max_entries`].
    pub const MAX_ENTRIES: usize = 10_000;
    /// Default for [`Limits::max_total_uncompressed`]: 256 MiB.
    pub const MAX_TOTAL_UNCOMPRESSED: u64 = 256 * 1024 * 1024;
    /// Default for [`Limits::max_compression_ratio`].
    pub const MAX_COMPRESSION_RATIO: u64 = 100;
    /// Default for [`Limits::max_xml_depth`].
    pub const MAX_XML_DEPTH: usize = 256;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_entries: Self::MAX_ENTRIES,
            max_total_uncompressed: Self::MAX_TOTAL_UNCOMPRESSED,
            max_compression_ratio: Self::MAX_COMPRESSION_RATIO,
            max_xml_depth: Self::MAX_XML_DEPTH,
        }
    }
}

/// A Word document's body in reading order, then its footnotes and endnotes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WordDocument {
    /// Body blocks in reading order; text boxes follow the paragraph that anchors them; notes
    /// (paragraphs with [`Paragraph::note`] set) come last, footnotes then endnotes, in the
    /// order they are referenced.
    pub blocks: Vec<Block>,
    /// Pending tracked changes (the text is read as if they were all accepted).
    pub changes: TrackedChanges,
    /// Comments in `comments.xml`.
    pub comments: Comments,
    /// Footnotes read (separator notes left out).
    pub footnotes: usize,
    /// Endnotes read (separator notes left out).
    pub endnotes: usize,
}

/// A block of the body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A paragraph as Word shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Paragraph {
    /// The text, NFC. `w:tab` is `'\t'`, `w:br`/`w:cr` are `'\n'`, a non-breaking hyphen is `-`, a
    /// soft hyphen nothing; field codes, deleted text, hidden text and note reference marks are
    /// left out. The displayed number is not part of it (see [`Paragraph::numbering`]).
    pub text: String,
    /// The paragraph style's id (`Heading1`), the default paragraph style when none is given.
    pub style_id: Option<String>,
    /// The style's name (`heading 1`).
    pub style_name: Option<String>,
    /// 0 for `Title`, 1–9 for `heading N` or an outline level, from the paragraph or its style
    /// (inherited through `basedOn`).
    pub heading_level: Option<u8>,
    /// The number Word displays before the paragraph (`II.`, `1.2.`, `a)`), `-` (or the bullet
    /// character) for bullets; `None` when the paragraph is not numbered.
    pub numbering: Option<String>,
    /// What Word puts between the number and the text.
    pub number_suffix: NumberSuffix,
    /// The list level (0-based) of a numbered paragraph.
    pub list_level: Option<u8>,
    /// Position in reading order among all paragraphs of the document (body, cells, text
    /// boxes, notes), 0-based.
    pub ordinal: usize,
    /// Set on the paragraphs of a footnote or endnote.
    pub note: Option<NoteMark>,
}

/// What follows a displayed number (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberSuffix {
    /// A tab (Word's default).
    #[default]
    Tab,
    /// A space.
    Space,
    /// Nothing: the text follows the number directly.
    Nothing,
}

/// The note a paragraph belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteMark {
    /// Footnote or endnote.
    pub kind: NoteKind,
    /// The mark Word shows (`1`, `2`… for footnotes, `i`, `ii`… for endnotes), by order of
    /// reference; `None` for a note no reference points to.
    pub mark: Option<String>,
}

/// A footnote or an endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// `word/footnotes.xml`.
    Footnote,
    /// `word/endnotes.xml`.
    Endnote,
}

/// A table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    /// Rows (rows deleted by a tracked change left out).
    pub rows: Vec<Row>,
    /// Columns of the table grid (`w:tblGrid`), or the widest row when the grid is missing.
    pub columns: usize,
    /// How [`WordDocument::to_text`] renders it.
    pub layout: TableLayout,
}

/// How a table is laid out in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableLayout {
    /// A data table: one line per row, cells separated by tabs.
    #[default]
    Grid,
    /// A layout table, two columns or three with a spacer (the header: issuer and symbol left,
    /// motto and place-date right; the closing: recipients left, signature right): the left
    /// column's paragraphs as lines, then the next column's. A table is one when it has at most
    /// 4 rows, no vertical merge, and comes before any text of the body or has a cell opening
    /// with `Nơi nhận`, `TM.`, `KT.`, `TL.`….
    Columns,
}

/// A table row.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    /// The cells, left to right.
    pub cells: Vec<Cell>,
    /// A header row Word repeats at the top of each page (`w:tblHeader`).
    pub is_header: bool,
}

/// A table cell.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// The cell's paragraphs and nested tables.
    pub blocks: Vec<Block>,
    /// The grid column the cell starts at (after `w:gridBefore` and the spans of the cells before
    /// it).
    pub col: usize,
    /// Grid columns the cell covers (`w:gridSpan`).
    pub grid_span: usize,
    /// Vertical merge (`w:vMerge`).
    pub v_merge: VMerge,
    /// For a cell that continues a vertical merge: the row where the merged cell starts (its
    /// text is there).
    pub merged_from_row: Option<usize>,
}

/// A cell's part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VMerge {
    /// Not merged.
    #[default]
    None,
    /// The first cell of a merged range: it holds the text.
    Restart,
    /// A cell merged into the one above (empty in Word's view).
    Continue,
}

/// Pending tracked changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TrackedChanges {
    /// Insertions (`w:ins`, inserted cells).
    pub insertions: usize,
    /// Deletions (`w:del`, deleted cells).
    pub deletions: usize,
    /// Moves (counted once, at `w:moveFrom`).
    pub moves: usize,
    /// Formatting changes (`w:rPrChange`, `w:pPrChange`, table and section property changes).
    pub formatting: usize,
}

impl TrackedChanges {
    /// All pending changes.
    pub fn total(&self) -> usize {
        self.insertions + self.deletions + self.moves + self.formatting
    }
}

/// Comments, open and resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Comments {
    /// Comments not marked done (replies included).
    pub open: usize,
    /// Comments marked done in `commentsExtended.xml` (or in a thread marked done).
    pub resolved: usize,
}

impl Paragraph {
    /// The text as one line: tabs and line breaks as spaces (byte for byte, so offsets into
    /// [`Paragraph::text`] hold in it).
    pub fn line_text(&self) -> String {
        self.text.replace(['\t', '\n'], " ")
    }
}

impl Cell {
    /// The cell's text: paragraphs joined by a space, nested tables flattened (cells and rows
    /// joined by a space), line breaks and tabs as spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        flatten(&self.blocks, &mut out, &mut None);
        out
    }

    /// [`Cell::text`], with each paragraph's ordinal and the byte offset in the text where its
    /// own text starts (after its number).
    pub fn text_with_paragraphs(&self) -> (String, Vec<(usize, usize)>) {
        let mut out = String::new();
        let mut marks = Some(Vec::new());
        flatten(&self.blocks, &mut out, &mut marks);
        (out, marks.unwrap_or_default())
    }

    /// The cell's paragraphs, nested tables' included, in reading order.
    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        let mut out = Vec::new();
        collect(&self.blocks, &mut out);
        out
    }
}

fn flatten(blocks: &[Block], out: &mut String, marks: &mut Option<Vec<(usize, usize)>>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let mut t = String::new();
                if let Some(n) = &p.numbering {
                    t.push_str(n);
                    if p.number_suffix != NumberSuffix::Nothing {
                        t.push(' ');
                    }
                }
                let number = t.len();
                t.push_str(&p.line_text());
                let trimmed = t.trim();
                if !trimmed.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    let lead = t.len() - t.trim_start().len();
                    if let Some(m) = marks {
                        m.push((p.ordinal, out.len() + number.saturating_sub(lead)));
                    }
                    out.push_str(trimmed);
                }
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        if cell.v_merge != VMerge::Continue {
                            flatten(&cell.blocks, out, marks);
                        }
                    }
                }
            }
        }
    }
}

fn collect<'a>(blocks: &'a [Block], out: &mut Vec<&'a Paragraph>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(p),
            Block::Table(t) => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    collect(&cell.blocks, out);
                }
            }
        }
    }
}

impl WordDocument {
    /// Every paragraph in reading order (table cells and notes included): the `n`-th has
    /// ordinal `n`.
    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        let mut out = Vec::new();
        collect(&self.blocks, &mut out);
        out
    }

    /// The tables of the body (not nested ones) in reading order: `Location`'s `table` indexes
    /// this list.
    pub fn tables(&self) -> Vec<&Table> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraph(_) => None,
            })
            .collect()
    }

    /// The document as text lines, with the location of each line (see [`Location`]).
    pub fn to_text(&self) -> (String, Vec<Location>) {
        text::render(self)
    }
}

/// Read a `.docx` file.
///
/// # Errors
/// [`DocxError`] (E005) when the file is not a Word package, is encrypted or a legacy `.doc`,
/// is damaged, lacks `word/document.xml`, holds malformed XML, or passes one of the [`Limits`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<WordDocument, DocxError> {
    body::read(bytes, limits)
}

#[cfg(test)]
mod tests;

//! `word/document.xml`, `footnotes.xml` and `endnotes.xml`, streamed: paragraphs with their
//! runs, fields, tracked changes and text boxes; tables with their merged cells.

use std::collections::HashMap;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::error::DocxError;
use super::numbering::{Counters, Numbering};
use super::package::Package;
use super::styles::Styles;
use super::xml::{Ev, Xml, on_off};
use super::{
    Block, Cell, Limits, NoteKind, NoteMark, NumberSuffix, Paragraph, Row, Table, TableLayout, TrackedChanges, VMerge,
    WordDocument,
};

/// What the parse of a part shares with the next.
struct Ctx<'d> {
    styles: &'d Styles,
    numbering: &'d Numbering,
    counters: Counters,
    changes: TrackedChanges,
    /// Complex fields open: `true` while in the field code (before `separate`).
    fields: Vec<bool>,
    /// Note references in the order they appear.
    refs: Vec<(NoteKind, String)>,
}

impl Ctx<'_> {
    fn in_field_code(&self) -> bool {
        self.fields.iter().any(|&code| code)
    }
}

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<WordDocument, DocxError> {
    let mut pkg = Package::open(bytes, limits)?;
    let names = pkg.part_names()?;
    let depth = limits.max_xml_depth;
    let styles = match &names.styles {
        Some(p) => match pkg.read(p)? {
            Some(xml) => Styles::parse(&xml, p, depth)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let numbering = match &names.numbering {
        Some(p) => match pkg.read(p)? {
            Some(xml) => Numbering::parse(&xml, p, depth)?,
            None => Numbering::default(),
        },
        None => Numbering::default(),
    };
    let mut ctx = Ctx {
        styles: &styles,
        numbering: &numbering,
        counters: Counters::default(),
        changes: TrackedChanges::default(),
        fields: Vec::new(),
        refs: Vec::new(),
    };
    let doc_xml = pkg.read(&names.document)?.ok_or_else(|| DocxError::MissingPart { part: names.document.clone() })?;
    let mut blocks = {
        let mut x = Xml::new(&doc_xml, &names.document, depth);
        let mut blocks = Vec::new();
        while let Some(ev) = x.next()? {
            if let Ev::Start(e) = ev {
                match e.name().as_ref() {
                    b"w:body" => {
                        blocks = container(&mut x, &mut ctx, None)?;
                    }
                    b"w:document" => {}
                    _ => x.skip()?,
                }
            }
        }
        blocks
    };
    drop(doc_xml);
    let mut doc = WordDocument::default();
    for (kind, part) in [(NoteKind::Footnote, &names.footnotes), (NoteKind::Endnote, &names.endnotes)] {
        let Some(part) = part else { continue };
        let Some(xml) = pkg.read(part)? else { continue };
        ctx.fields.clear();
        let notes = notes(&xml, part, depth, &mut ctx)?;
        match kind {
            NoteKind::Footnote => doc.footnotes = notes.len(),
            NoteKind::Endnote => doc.endnotes = notes.len(),
        }
        append_notes(&mut blocks, kind, notes, &ctx.refs);
    }
    if let Some(part) = &names.comments
        && let Some(xml) = pkg.read(part)?
    {
        let extended = match &names.comments_extended {
            Some(p) => pkg.read(p)?.map(|x| (p.clone(), x)),
            None => None,
        };
        doc.comments =
            super::comments::count((&xml, part), extended.as_ref().map(|(p, x)| (x.as_slice(), p.as_str())), depth)?;
    }
    mark_layout_tables(&mut blocks);
    let mut ordinal = 0;
    number_paragraphs(&mut blocks, &mut ordinal);
    doc.blocks = blocks;
    doc.changes = ctx.changes;
    Ok(doc)
}

/// The notes of a notes part, by id, in document order (separators left out).
fn notes(xml: &[u8], part: &str, depth: usize, ctx: &mut Ctx<'_>) -> Result<Vec<(String, Vec<Block>)>, DocxError> {
    let mut out = Vec::new();
    let mut x = Xml::new(xml, part, depth);
    while let Some(ev) = x.next()? {
        if let Ev::Start(e) = ev {
            match e.name().as_ref() {
                b"w:footnote" | b"w:endnote" => {
                    let separator = x.attr(&e, b"w:type").is_some_and(|t| t != "normal");
                    if separator {
                        x.skip()?;
                        continue;
                    }
                    let id = x.attr(&e, b"w:id").unwrap_or_default();
                    out.push((id, container(&mut x, ctx, None)?));
                }
                b"w:footnotes" | b"w:endnotes" => {}
                _ => x.skip()?,
            }
        }
    }
    Ok(out)
}

/// Append notes after the body in the order they are referenced (then those never referenced),
/// each paragraph marked with its note.
fn append_notes(
    blocks: &mut Vec<Block>,
    kind: NoteKind,
    notes: Vec<(String, Vec<Block>)>,
    refs: &[(NoteKind, String)],
) {
    let mut by_id: HashMap<String, Vec<Block>> = HashMap::with_capacity(notes.len());
    let mut order: Vec<String> = Vec::with_capacity(notes.len());
    for (id, b) in notes {
        order.push(id.clone());
        by_id.insert(id, b);
    }
    let mut n = 0;
    let referenced = refs.iter().filter(|(k, _)| *k == kind).map(|(_, id)| id.clone());
    let ids: Vec<(String, bool)> =
        referenced.map(|id| (id, true)).chain(order.into_iter().map(|id| (id, false))).collect();
    for (id, is_ref) in ids {
        let Some(mut note) = by_id.remove(&id) else { continue };
        let mark = is_ref.then(|| {
            n += 1;
            match kind {
                NoteKind::Footnote => n.to_string(),
                NoteKind::Endnote => super::numbering::lower_roman(n),
            }
        });
        // Word puts a space after the note's own mark: it is not part of the text.
        if let Some(Block::Paragraph(first)) = note.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        mark_note(&mut note, &NoteMark { kind, mark });
        blocks.extend(note);
    }
}

fn mark_note(blocks: &mut [Block], mark: &NoteMark) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => p.note = Some(mark.clone()),
            Block::Table(t) => {
                for c in t.rows.iter_mut().flat_map(|r| &mut r.cells) {
                    mark_note(&mut c.blocks, mark);
                }
            }
        }
    }
}

/// Whether a cell's first line opens a closing block: `Nơi nhận`, or a signature line such as
/// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `TL. …`, `T/M …`.
fn opens_closing(cell: &Cell) -> bool {
    let Some(first) = cell.paragraphs().into_iter().map(|p| p.text.trim()).find(|t| !t.is_empty()) else {
        return false;
    };
    crate::text::lower(first).starts_with("nơi nhận")
        || ["TM.", "TM ", "T/M", "KT.", "KT ", "K/T", "TL.", "T/L", "TUQ."].iter().any(|p| first.starts_with(p))
}

/// Layout tables (two columns, or three with a spacer): the first block of the body with text
/// (the header), or one a cell of which opens a closing block (recipients and signature).
fn mark_layout_tables(blocks: &mut [Block]) {
    let mut seen_text = false;
    for b in blocks.iter_mut() {
        match b {
            Block::Paragraph(p) => seen_text |= !p.text.trim().is_empty(),
            Block::Table(t) => {
                // Two columns, or three with a spacer between them; a few rows; no vertical merge.
                let layout = t.columns <= 3
                    && t.rows.len() <= 4
                    && t.rows.iter().all(|r| r.cells.len() <= 3)
                    && t.rows.iter().flat_map(|r| &r.cells).all(|c| c.v_merge == VMerge::None);
                // Only a layout-shaped table is looked into for a closing: flattening every cell
                // of a long task table for it cost 5% of reading a 76-page plan.
                if layout && (!seen_text || t.rows.iter().flat_map(|r| &r.cells).any(opens_closing)) {
                    t.layout = TableLayout::Columns;
                }
                seen_text = true;
            }
        }
    }
}

fn number_paragraphs(blocks: &mut [Block], ordinal: &mut usize) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                p.ordinal = *ordinal;
                *ordinal += 1;
            }
            Block::Table(t) => {
                for c in t.rows.iter_mut().flat_map(|r| &mut r.cells) {
                    number_paragraphs(&mut c.blocks, ordinal);
                }
            }
        }
    }
}

/// Properties of a table, row or cell (`w:tblPr`, `w:trPr`, `w:tcPr`).
#[derive(Debug, Default)]
struct Props {
    grid_span: Option<usize>,
    v_merge: Option<VMerge>,
    h_merge_continue: bool,
    header: bool,
    deleted: bool,
    grid_before: usize,
}

/// Read a property element, counting the tracked changes in it.
fn props(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<Props, DocxError> {
    let mut p = Props::default();
    let end = x.depth();
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let (e, start) = match ev {
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            _ => continue,
        };
        let val = || x.attr(&e, b"w:val");
        match e.name().as_ref() {
            b"w:gridSpan" => p.grid_span = val().and_then(|v| v.trim().parse().ok()),
            b"w:vMerge" => {
                p.v_merge = Some(if val().as_deref() == Some("restart") { VMerge::Restart } else { VMerge::Continue });
            }
            b"w:hMerge" => p.h_merge_continue = val().as_deref() != Some("restart"),
            b"w:tblHeader" => p.header = on_off(val().as_deref()),
            b"w:gridBefore" => p.grid_before = val().and_then(|v| v.trim().parse().ok()).unwrap_or(0),
            b"w:ins" | b"w:cellIns" => ctx.changes.insertions += 1,
            b"w:del" | b"w:cellDel" => {
                ctx.changes.deletions += 1;
                p.deleted = true;
            }
            n if is_format_change(n) => {
                ctx.changes.formatting += 1;
                if start {
                    x.skip()?;
                }
            }
            _ => {}
        }
    }
    Ok(p)
}

fn is_format_change(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:rPrChange"
            | b"w:pPrChange"
            | b"w:sectPrChange"
            | b"w:tblPrChange"
            | b"w:tblPrExChange"
            | b"w:trPrChange"
            | b"w:tcPrChange"
            | b"w:tblGridChange"
            | b"w:numberingChange"
    )
}

/// Read the block content of the element just started (body, cell, text box, note, content
/// control) up to its end. `cell` receives the cell's properties when this is a cell.
fn container(x: &mut Xml<'_>, ctx: &mut Ctx<'_>, mut cell: Option<&mut Props>) -> Result<Vec<Block>, DocxError> {
    let mut out: Vec<Block> = Vec::new();
    // A paragraph whose mark was deleted: accepted, it joins the next paragraph.
    let mut pending: Option<Paragraph> = None;
    let end = x.depth();
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let e = match ev {
            Ev::Start(e) => e,
            _ => continue,
        };
        match e.name().as_ref() {
            b"w:p" => {
                let (mut p, anchored, mark_deleted) = paragraph(x, ctx)?;
                if let Some(prev) = pending.take() {
                    p.text = prev.text + &p.text;
                }
                if mark_deleted {
                    pending = Some(p);
                } else {
                    out.push(Block::Paragraph(p));
                }
                out.extend(anchored);
            }
            b"w:tbl" => {
                if let Some(prev) = pending.take() {
                    out.push(Block::Paragraph(prev));
                }
                out.push(Block::Table(table(x, ctx)?));
            }
            b"w:tcPr" => {
                let p = props(x, ctx)?;
                if let Some(slot) = cell.as_deref_mut() {
                    *slot = p;
                }
            }
            b"w:del" | b"w:moveFrom" => {
                count_removal(&e, ctx);
                x.skip()?;
            }
            b"w:ins" => ctx.changes.insertions += 1,
            b"w:sectPr" | b"w:sdtPr" | b"w:sdtEndPr" | b"mc:Fallback" | b"w:altChunk" | b"w:customXmlPr"
            | b"w:tblPr" | b"w:trPr" | b"w:pPr" | b"w:rPr" => {
                count_changes_in(x, ctx)?;
            }
            // Content controls, custom XML, moves into place, alternate content: their content
            // is read in place.
            _ => {}
        }
    }
    if let Some(prev) = pending {
        out.push(Block::Paragraph(prev));
    }
    Ok(out)
}

fn count_removal(e: &quick_xml::events::BytesStart<'_>, ctx: &mut Ctx<'_>) {
    if e.name().as_ref() == b"w:moveFrom" {
        ctx.changes.moves += 1;
    } else {
        ctx.changes.deletions += 1;
    }
}

/// Skip the element just started, counting the formatting changes in it.
fn count_changes_in(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<(), DocxError> {
    let end = x.depth();
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        if let Ev::Start(e) | Ev::Empty(e) = &ev
            && is_format_change(e.name().as_ref())
        {
            ctx.changes.formatting += 1;
            if matches!(ev, Ev::Start(_)) {
                x.skip()?;
            }
        }
    }
    Ok(())
}

/// The paragraph-level properties read from `w:pPr`.
#[derive(Default)]
struct ParaProps {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    mark_deleted: bool,
}

fn paragraph_props(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<ParaProps, DocxError> {
    let mut p = ParaProps::default();
    let end = x.depth();
    let mut in_rpr = false;
    let mut rpr_depth = 0;
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let (e, start) = match ev {
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            Ev::End => {
                if in_rpr && x.depth() < rpr_depth {
                    in_rpr = false;
                }
                continue;
            }
            Ev::Text(_) => continue,
        };
        let name = e.name();
        let val = || x.attr(&e, b"w:val");
        match name.as_ref() {
            b"w:pStyle" => p.style = val(),
            b"w:numId" => p.num_id = val(),
            b"w:ilvl" => p.ilvl = val().and_then(|v| v.trim().parse().ok()),
            b"w:outlineLvl" => p.outline = val().and_then(|v| v.trim().parse().ok()),
            b"w:rPr" if start => {
                in_rpr = true;
                rpr_depth = x.depth();
            }
            b"w:ins" if in_rpr => ctx.changes.insertions += 1,
            b"w:del" | b"w:moveFrom" if in_rpr => {
                count_removal(&e, ctx);
                p.mark_deleted = true;
            }
            n if is_format_change(n) => {
                ctx.changes.formatting += 1;
                if start {
                    x.skip()?;
                }
            }
            b"w:sectPr" | b"w:tabs" | b"w:framePr" | b"w:pBdr" if start => count_changes_in(x, ctx)?,
            _ => {}
        }
    }
    Ok(p)
}

/// Whether the run properties just started hide the run (`w:vanish`).
fn run_props(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<bool, DocxError> {
    let mut hidden = false;
    let end = x.depth();
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let (e, start) = match ev {
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            _ => continue,
        };
        match e.name().as_ref() {
            b"w:vanish" => hidden = on_off(x.attr(&e, b"w:val").as_deref()),
            n if is_format_change(n) => {
                ctx.changes.formatting += 1;
                if start {
                    x.skip()?;
                }
            }
            _ => {}
        }
    }
    Ok(hidden)
}

/// The text of the `w:t` just started.
fn text_of(x: &mut Xml<'_>, out: &mut String, keep: bool) -> Result<(), DocxError> {
    let end = x.depth();
    while x.depth() >= end {
        match x.next()? {
            Some(Ev::Text(t)) if keep => out.push_str(&x.text(t)?),
            Some(_) => {}
            None => break,
        }
    }
    Ok(())
}

/// Read the paragraph just started: the paragraph, the blocks of the text boxes it anchors, and
/// whether its mark is deleted.
fn paragraph(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<(Paragraph, Vec<Block>, bool), DocxError> {
    let end = x.depth();
    let mut text = String::new();
    let mut pp = ParaProps::default();
    let mut anchored = Vec::new();
    let mut hidden = false;
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let (e, start) = match ev {
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            _ => continue,
        };
        let visible = !hidden && !ctx.in_field_code();
        match e.name().as_ref() {
            b"w:pPr" if start => pp = paragraph_props(x, ctx)?,
            b"w:r" => hidden = false,
            b"w:rPr" if start => hidden = run_props(x, ctx)?,
            b"w:t" if start => text_of(x, &mut text, visible)?,
            b"w:tab" | b"w:ptab" if visible => text.push('\t'),
            b"w:br" | b"w:cr" if visible => text.push('\n'),
            b"w:noBreakHyphen" if visible => text.push('-'),
            b"w:sym" if visible => {
                if let Some(c) = symbol(x.attr(&e, b"w:font").as_deref(), x.attr(&e, b"w:char").as_deref()) {
                    text.push(c);
                }
            }
            b"w:fldChar" => match x.attr(&e, b"w:fldCharType").as_deref() {
                Some("begin") => ctx.fields.push(true),
                Some("separate") => {
                    if let Some(top) = ctx.fields.last_mut() {
                        *top = false;
                    }
                }
                Some("end") => {
                    ctx.fields.pop();
                }
                _ => {}
            },
            b"w:footnoteReference" => ctx.refs.push((NoteKind::Footnote, x.attr(&e, b"w:id").unwrap_or_default())),
            b"w:endnoteReference" => ctx.refs.push((NoteKind::Endnote, x.attr(&e, b"w:id").unwrap_or_default())),
            b"w:del" | b"w:moveFrom" if start => {
                count_removal(&e, ctx);
                x.skip()?;
            }
            b"w:ins" => ctx.changes.insertions += 1,
            b"w:txbxContent" if start => {
                let mut blocks = container(x, ctx, None)?;
                anchored.append(&mut blocks);
            }
            n if is_format_change(n) => {
                ctx.changes.formatting += 1;
                if start {
                    x.skip()?;
                }
            }
            b"w:instrText" | b"w:delText" | b"w:delInstrText" | b"mc:Fallback" | b"w:sdtPr" | b"w:sdtEndPr"
            | b"w:smartTagPr" | b"w:customXmlPr" | b"w:fldData" | b"w:object"
                if start =>
            {
                x.skip()?;
            }
            // Hyperlinks, content controls, simple fields, smart tags, moves into place, drawings
            // (for their text boxes): their runs are read in place.
            _ => {}
        }
    }
    let mark_deleted = pp.mark_deleted;
    let p = finish(text, pp, ctx);
    Ok((p, anchored, mark_deleted))
}

/// Style, heading level and number of a paragraph read.
fn finish(text: String, pp: ParaProps, ctx: &mut Ctx<'_>) -> Paragraph {
    let styles = ctx.styles;
    let style_id = pp.style.clone().or_else(|| styles.default_paragraph.clone());
    let style_name = style_id.as_deref().and_then(|s| styles.get(s)).and_then(|s| s.name.clone());
    let heading_level = match pp.outline {
        Some(l) => (l < 9).then_some(l + 1),
        None => style_id.as_deref().and_then(|s| styles.heading_level(s)),
    };
    let mut numbering = None;
    let mut number_suffix = NumberSuffix::default();
    let mut list_level = None;
    if !pp.mark_deleted {
        let from_style = style_id.as_deref().and_then(|s| styles.numbering(s));
        let (num_id, ilvl) = match (&pp.num_id, from_style) {
            (Some(n), _) => (Some(n.clone()), pp.ilvl),
            (None, Some((n, style_ilvl, carrier))) => {
                let linked = || ctx.numbering.level_for_style(&n, &carrier, styles);
                (Some(n.clone()), pp.ilvl.or(style_ilvl).or_else(linked))
            }
            (None, None) => (None, None),
        };
        if let Some(num_id) = num_id.filter(|n| n != "0")
            && let Some(d) = ctx.counters.advance(ctx.numbering, styles, &num_id, ilvl.unwrap_or(0))
        {
            numbering = Some(d.text);
            number_suffix = d.suffix;
            list_level = Some(d.level);
        }
    }
    Paragraph {
        text: clean(text),
        style_id,
        style_name,
        heading_level,
        numbering,
        number_suffix,
        list_level,
        ordinal: 0,
        note: None,
    }
}

/// NFC, without control characters other than tab and line feed.
fn clean(text: String) -> String {
    // One pass over the bytes decides for most paragraphs: no control character (below 0x20,
    // 0x7F, or U+0080–U+009F) and nothing that may not be NFC (a lead byte from 0xCC up, except
    // 0xE1 0xB8–0xBB: precomposed Vietnamese).
    let bytes = text.as_bytes();
    let suspect = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\t' && b != b'\n')
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)))
            || (b >= 0xCC
                && (b & 0xC0) == 0xC0
                && !(b == 0xE1 && bytes.get(i + 1).is_some_and(|n| (0xB8..=0xBB).contains(n))))
    });
    if !suspect {
        return text;
    }
    let text: String = if text.chars().any(|c| c.is_control() && c != '\t' && c != '\n') {
        text.chars().filter(|&c| !c.is_control() || c == '\t' || c == '\n').collect()
    } else {
        text
    };
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// A `w:sym` character: Unicode code points as they are; symbol-font code points
/// (U+F020–U+F0FF) mapped for the common `Symbol` glyphs; pictures of other symbol fonts left out.
fn symbol(font: Option<&str>, code: Option<&str>) -> Option<char> {
    let code = u32::from_str_radix(code?.trim(), 16).ok()?;
    if !(0xF000..=0xF0FF).contains(&code) {
        return char::from_u32(code);
    }
    let low = code - 0xF000;
    let symbol_font = font.is_some_and(|f| f.eq_ignore_ascii_case("Symbol"));
    if !symbol_font {
        return None;
    }
    Some(match low {
        0xB7 => '•',
        0x2D => '−',
        0xA3 => '≤',
        0xB3 => '≥',
        0xB1 => '±',
        0xAE => '→',
        0xAC => '←',
        0xB4 => '×',
        0xB8 => '÷',
        0xB9 => '≠',
        0xA5 => '∞',
        0x20..=0x2C | 0x2E..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E => char::from_u32(low)?,
        _ => return None,
    })
}

/// Read the table just started.
fn table(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<Table, DocxError> {
    let mut t = Table::default();
    let end = x.depth();
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let (e, start) = match ev {
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            _ => continue,
        };
        match e.name().as_ref() {
            b"w:tblPr" | b"w:tblPrEx" if start => {
                props(x, ctx)?;
            }
            b"w:gridCol" => t.columns += 1,
            b"w:tblGridChange" => {
                ctx.changes.formatting += 1;
                if start {
                    x.skip()?;
                }
            }
            b"w:tr" if start => {
                if let Some(row) = row(x, ctx)? {
                    t.rows.push(row);
                }
            }
            b"w:sdtPr" | b"w:sdtEndPr" | b"w:customXmlPr" | b"mc:Fallback" if start => x.skip()?,
            b"w:del" | b"w:moveFrom" if start => {
                count_removal(&e, ctx);
                x.skip()?;
            }
            _ => {}
        }
    }
    let widest = t.rows.iter().map(|r| r.cells.last().map_or(0, |c| c.col + c.grid_span)).max().unwrap_or(0);
    t.columns = t.columns.max(widest);
    resolve_merges(&mut t);
    Ok(t)
}

/// Read the row just started; `None` for a row deleted by a tracked change.
fn row(x: &mut Xml<'_>, ctx: &mut Ctx<'_>) -> Result<Option<Row>, DocxError> {
    let mut r = Row::default();
    let mut col = 0;
    let mut deleted = false;
    let end = x.depth();
    while x.depth() >= end {
        let Some(ev) = x.next()? else { break };
        let (e, start) = match ev {
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            _ => continue,
        };
        match e.name().as_ref() {
            b"w:trPr" if start => {
                let p = props(x, ctx)?;
                r.is_header = p.header;
                deleted = p.deleted;
                col += p.grid_before;
            }
            b"w:tblPrEx" if start => {
                props(x, ctx)?;
            }
            b"w:tc" if start => {
                let mut p = Props::default();
                let blocks = container(x, ctx, Some(&mut p))?;
                if p.deleted {
                    continue;
                }
                let span = p.grid_span.unwrap_or(1).clamp(1, 64);
                if p.h_merge_continue
                    && let Some(prev) = r.cells.last_mut()
                {
                    prev.grid_span += span;
                    col += span;
                    continue;
                }
                r.cells.push(Cell {
                    blocks,
                    col,
                    grid_span: span,
                    v_merge: p.v_merge.unwrap_or_default(),
                    merged_from_row: None,
                });
                col += span;
            }
            b"w:sdtPr" | b"w:sdtEndPr" | b"w:customXmlPr" | b"mc:Fallback" if start => x.skip()?,
            _ => {}
        }
    }
    Ok((!deleted).then_some(r))
}

/// Point each cell that continues a vertical merge at the row where the merge starts.
fn resolve_merges(t: &mut Table) {
    // The row where the merge open at each grid column started.
    let mut open: HashMap<usize, usize> = HashMap::new();
    for (ri, row) in t.rows.iter_mut().enumerate() {
        for cell in &mut row.cells {
            match cell.v_merge {
                VMerge::Restart => {
                    open.insert(cell.col, ri);
                }
                VMerge::Continue => cell.merged_from_row = open.get(&cell.col).copied(),
                VMerge::None => {
                    open.remove(&cell.col);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, texts: &[&str]) -> Cell {
        let blocks = texts
            .iter()
            .map(|t| Block::Paragraph(Paragraph { text: (*t).to_owned(), ..Paragraph::default() }))
            .collect();
        Cell { blocks, col, grid_span: 1, ..Cell::default() }
    }

    #[test]
    fn a_header_with_a_spacer_column_is_a_layout_table() {
        let header = Table {
            rows: vec![Row {
                cells: vec![
                    cell(0, &["ỦY BAN NHÂN DÂN", "XÃ LỤC BÌNH"]),
                    cell(1, &[""]),
                    cell(2, &["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
                ],
                is_header: false,
            }],
            columns: 3,
            layout: TableLayout::Grid,
        };
        let data = Table { columns: 4, ..header.clone() };
        let mut blocks = vec![Block::Table(header), Block::Table(data)];
        mark_layout_tables(&mut blocks);
        let layouts: Vec<TableLayout> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.layout),
                Block::Paragraph(_) => None,
            })
            .collect();
        assert_eq!(layouts, [TableLayout::Columns, TableLayout::Grid]);
        let doc = WordDocument { blocks, ..WordDocument::default() };
        let (text, _) = doc.to_text();
        assert!(text.starts_with("ỦY BAN NHÂN DÂN\nXÃ LỤC BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"), "{text}");
    }

    #[test]
    fn symbols_map_where_they_can() {
        assert_eq!(symbol(Some("Symbol"), Some("F0B7")), Some('•'));
        assert_eq!(symbol(Some("Symbol"), Some("F0B3")), Some('≥'));
        assert_eq!(symbol(Some("Wingdings"), Some("F0FC")), None);
        assert_eq!(symbol(Some("Times New Roman"), Some("2265")), Some('≥'));
        assert_eq!(symbol(None, Some("zz")), None);
    }

    #[test]
    fn text_is_nfc_without_control_characters() {
        assert_eq!(clean("Vie\u{302}\u{323}t\u{7}\tx".to_owned()), "Việt\tx");
        assert_eq!(clean("Việt Nam – “x”\u{85}".to_owned()), "Việt Nam – “x”");
        assert_eq!(clean("Kế hoạch\n".to_owned()), "Kế hoạch\n");
    }
}

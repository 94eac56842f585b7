//! Appendices: the captions that open them (`PHỤ LỤC I`, `Phụ lục 02`), their titles, tables and
//! text, and the places the plan's body names them (`Phụ lục … kèm theo`).

use super::{
    APPENDIX_CAPTION, APPENDIX_MENTION, Appendix, AppendixRef, CAPTION_REF, CAPTION_SYMBOL, CitationContext, Element,
    ExtractOptions, Extractor, Flat, LineKind, Mapped, Numbering, Role, Section, Sequence, StatedIn, Text, date_value,
    dates, heading_year, layout, symbols, tables,
};

impl Extractor<'_> {
    /// Where the lines from `from` (the body) to `to` (the first appendix caption) name an
    /// appendix: from `Phụ lục` to the end of its clause, in text and table cells.
    pub(super) fn appendix_mentions(&mut self, from: usize, to: usize) {
        let opts = self.opts;
        let src = self.src;
        let mut found = Vec::new();
        for (i, line) in self.lines.iter().enumerate().take(to).skip(from) {
            let cells: &[Mapped] = match &line.kind {
                LineKind::Text(m) => std::slice::from_ref(m),
                LineKind::Row(cells) | LineKind::Columns(cells) => cells,
                LineKind::Blank => continue,
            };
            for m in cells {
                // `lục` is rare: most lines are passed over without the regex (its `\b` is
                // Unicode-aware, which keeps it off the fast engines). The text is NFC, and a
                // mixed-case `lỤc` is no word anyone writes.
                let t = m.text.as_str();
                if !names_luc(t) || !APPENDIX_MENTION.is_match(opts, t) || self.caption_at(i) {
                    continue;
                }
                for hit in APPENDIX_MENTION.find_iter(opts, &m.text) {
                    let rest = m.text.get(hit.end()..).unwrap_or_default();
                    let end = hit.end() + rest.find(['.', ';', '(', ')']).unwrap_or(rest.len());
                    found.push(m.text_of(src, hit.start(), end));
                }
            }
        }
        self.plan.appendix_mentions = found;
    }

    /// Whether line `i` is an appendix caption: `Phụ lục 2 …` that does not go on from a sentence
    /// wrapped on the line before (`… được xác định tại` ⏎ `Phụ lục 2 kèm theo Chương trình…`).
    pub(super) fn caption_at(&self, i: usize) -> bool {
        let opts = self.opts;
        if !self.lines.get(i).and_then(|l| l.text()).is_some_and(|m| is_caption(opts, &m.text)) {
            return false;
        }
        let before = i.checked_sub(1).and_then(|k| self.lines.get(k)).and_then(|l| l.text());
        before.is_none_or(|m| {
            let t = m.text.trim_end();
            t.is_empty() || t.ends_with(['.', ';', ':', '!', '?', ')', '"', '”', '*']) || layout::is_capitals(t)
        })
    }

    /// Appendices: captions, then their tables and text.
    pub(super) fn appendices(&mut self, from: usize, to: usize) {
        let opts = self.opts;
        let src = self.src;
        let starts: Vec<usize> = (from..to).filter(|&i| self.caption_at(i)).collect();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(to);
            let Some(caption) = self.lines.get(start).and_then(|l| l.text()).cloned() else {
                continue;
            };
            let caps = APPENDIX_CAPTION.captures(opts, &caption.text);
            let number = caps.as_ref().and_then(|c| c.get(1)).map(|g| caption.text_of(src, g.start(), g.end()));
            let mut title = caps
                .as_ref()
                .and_then(|c| c.get(2))
                .filter(|g| !g.as_str().trim().is_empty())
                .map(|g| caption.slice(g.start(), g.end()));
            let mut reference = None;
            let mut span = caption.span(src);
            let mut body_from = start + 1;
            for i in start + 1..end {
                let Some(line) = self.lines.get(i) else { break };
                match &line.kind {
                    LineKind::Blank => continue,
                    LineKind::Row(_) | LineKind::Columns(_) => break,
                    LineKind::Text(m) => {
                        if CAPTION_REF.is_match(opts, &m.text) {
                            reference = Some(self.caption_ref(m));
                        } else if title.is_none()
                            || (reference.is_none()
                                && m.text.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase()))
                        {
                            match title.as_mut() {
                                Some(t) if reference.is_none() => t.join(m),
                                _ => title = Some(m.clone()),
                            }
                        } else {
                            break;
                        }
                        span = span.cover(m.span(src));
                        body_from = i + 1;
                        if reference.is_some() {
                            break;
                        }
                    }
                }
            }
            let title_text = title.as_ref().map(|t| t.to_text(src));
            self.plan.appendices.push(Appendix { number: number.clone(), title: title_text.clone(), reference, span });
            self.flat.push(Flat::new(
                Section {
                    number: number.unwrap_or_else(|| {
                        let at = caption.span(src).start;
                        Text::new("", crate::model::Span::new(at, at))
                    }),
                    numbering: Numbering::Appendix,
                    level: 1,
                    title: title_text.unwrap_or_else(|| caption.to_text(src)),
                    role: Role::Appendix,
                    span: caption.span(src),
                    ordinal: None,
                    sequence: Sequence::First,
                    expected: None,
                    previous: None,
                    previous_title: None,
                    children: Vec::new(),
                },
                None,
                title.clone().unwrap_or_else(|| caption.clone()),
                title.as_ref().and_then(|t| heading_year(opts, &t.text)),
            ));
            let appendix_idx = self.flat.len() - 1;
            let mut tasks = tables::TaskBuilder::default();
            for el in layout::elements(&mut self.lines, body_from, end) {
                match el {
                    Element::Table(t) => {
                        self.target_table(&t, &[appendix_idx], StatedIn::Appendix);
                        if let Some(t) = tasks.table(opts, src, &self.lines, t) {
                            self.table_citations(&t, CitationContext::Appendix);
                        }
                    }
                    Element::Para(p) => {
                        self.citations_of(&p.text, CitationContext::Appendix);
                    }
                    Element::Heading(h) => {
                        self.citations_of(&h.text, CitationContext::Appendix);
                    }
                }
            }
            self.finish_tasks(tasks, CitationContext::Appendix);
        }
        // Tasks of several tables: number the tables in order.
        let mut table = 0;
        let mut last = 0;
        for t in &mut self.plan.tasks {
            if t.table != last {
                table += 1;
                last = t.table;
            }
            t.table = table;
        }
    }

    pub(super) fn caption_ref(&self, m: &Mapped) -> AppendixRef {
        let opts = self.opts;
        let src = self.src;
        let t = m.text.as_str();
        let mut symbol = None;
        let mut date = None;
        let mut issuer = None;
        let mut at = 0;
        if let Some(s) = CAPTION_SYMBOL.find(opts, t)
            && let Some(end) = symbols::scan(t, s.end(), true)
        {
            symbol = Some(symbols::parse(opts, t.get(s.end()..end).unwrap_or_default(), m.span_of(src, s.end(), end)));
            at = end;
        }
        if let Some(d) = dates::date_at(opts, t, at) {
            date = Some(date_value(src, m, &d));
            at = d.end;
        }
        if let Some(i) = t.get(at..).and_then(|r| r.find("của ")) {
            let from = at + i + "của ".len();
            let end = t.get(from..).and_then(|r| r.find(')')).map_or(t.len(), |e| from + e);
            issuer = Some(m.text_of(src, from, end));
        }
        AppendixRef { text: m.to_text(src), symbol, date, issuer }
    }
}

pub(super) fn is_caption(opts: ExtractOptions, t: &str) -> bool {
    // Only `p` and `P` lower-case to `p`: most lines are decided by their first byte.
    let starts = t.starts_with(['p', 'P']) && crate::text::lower(crate::text::prefix_chars(t, 7)) == "phụ lục";
    starts
        && APPENDIX_CAPTION.captures(opts, t).is_some_and(|c| {
            let numbered = c.get(1).is_some();
            let upper = t.chars().filter(|ch| ch.is_alphabetic()).all(|ch| !ch.is_lowercase());
            (numbered || upper) && t.chars().count() <= 160
        })
}

/// Whether a text holds `lục`, `Lục` or `LỤC`: two searches with finders built once (`ục` in the
/// first two), where `str::contains` would build a searcher for each of three words on each
/// line.
fn names_luc(t: &str) -> bool {
    static LOWER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("ục".as_bytes()));
    static UPPER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("LỤC".as_bytes()));
    let bytes = t.as_bytes();
    LOWER.find_iter(bytes).any(|i| i.checked_sub(1).and_then(|k| bytes.get(k)).is_some_and(|&b| b == b'l' || b == b'L'))
        || UPPER.find(bytes).is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_luc_is_the_three_contains() {
        let old = |t: &str| t.contains("lục") || t.contains("Lục") || t.contains("LỤC");
        for t in [
            "",
            "lục",
            "Phụ lục 2",
            "PHỤ LỤC I",
            "xem Lục",
            "ục",
            "ỤC",
            "thục hiện",
            "lụa",
            "LỤc",
            "cấp xã, phụ lục kèm theo",
            "Phụ  LỤC",
            "ĐỤC",
            "xlục",
        ] {
            assert_eq!(super::names_luc(t), old(t), "{t:?}");
        }
    }
}

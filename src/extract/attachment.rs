//! A decision or cover letter with the plan attached: where the attachment starts, and the
//! carrier's own bases, citations and closing (its signature stands for an unsigned plan).

use super::layout::{self, Element};
use super::{CitationContext, Extractor, closing, first_text, header, is_caption};

impl Extractor<'_> {
    /// Where a plan attached to the decision or letter whose body starts at `from` begins: a kind
    /// line in capitals (`KẾ HOẠCH`) followed within a few lines by `(Ban hành kèm theo …)`, or
    /// coming after the decision's signature.
    pub(super) fn attachment_start(&self, from: usize) -> Option<usize> {
        let opts = self.opts;
        let mut signed = false;
        for i in from..self.lines.len() {
            let Some(t) = self.lines.get(i).and_then(first_text) else { continue };
            // An appendix's own kind line (`PHỤ LỤC I` ⏎ `KẾ HOẠCH KIỂM TRA`) is no attached plan.
            if is_caption(opts, t) {
                return None;
            }
            if closing::is_closing_start(opts, t) {
                signed = true;
            }
            let Some(k) = header::KIND.find(opts, t) else { continue };
            if t.chars().filter(|c| c.is_alphabetic()).any(char::is_lowercase) && k.end() < t.len() {
                continue;
            }
            let attached = (i + 1..(i + 8).min(self.lines.len()))
                .filter_map(|j| self.lines.get(j).and_then(first_text))
                .any(|u| header::ATTACHED_BY.is_match(opts, u));
            if attached || signed {
                // The attached plan's header may repeat the issuer and motto above the kind line.
                let mut start = i;
                while start > from
                    && self.lines.get(start - 1).is_some_and(|l| {
                        l.is_blank()
                            || first_text(l).is_some_and(|u| header::MOTTO.is_match(opts, u) || layout::is_capitals(u))
                    })
                {
                    start -= 1;
                }
                return Some(start);
            }
        }
        None
    }

    /// The body of a decision or letter that carries a plan, lines `[from, to)`: its bases and
    /// citations, and its closing block.
    pub(super) fn carrier(
        &mut self,
        from: usize,
        to: usize,
    ) -> (Option<crate::model::Recipients>, Option<crate::model::Signature>) {
        let opts = self.opts;
        let src = self.src;
        let closing_start = (from..to)
            .find(|&i| self.lines.get(i).and_then(first_text).is_some_and(|t| closing::is_closing_start(opts, t)))
            .unwrap_or(to);
        for el in layout::elements(&mut self.lines, from, closing_start) {
            match el {
                Element::Para(p) => {
                    self.basis_or_citations(&p.text);
                }
                Element::Heading(h) => {
                    self.citations_of(&h.text, CitationContext::Body);
                }
                Element::Table(t) => self.table_citations(&t, CitationContext::Body),
            }
        }
        closing::parse_closing(opts, src, &self.lines, closing_start, to)
    }
}

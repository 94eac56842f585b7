//! Where the body's targets and duties are read: the part a paragraph or table stands in
//! (objectives, tasks, an appendix), its year, and the targets of paragraphs and target tables;
//! the duties of the implementation part's units.

use super::{
    Assignment, CitationContext, Extractor, Mapped, Para, Role, StatedIn, Target, Text, layout, numbers, tables,
    targets,
};

impl Extractor<'_> {
    /// Where a paragraph under `path` states its targets.
    pub(super) fn stated_in(&self, path: &[usize]) -> StatedIn {
        let mut objectives =
            path.iter().filter_map(|&i| self.flat.get(i)).filter(|f| f.section.role == Role::Objectives);
        match objectives.next() {
            None => StatedIn::Body,
            Some(first) if first.general || objectives.any(|f| f.general) => StatedIn::GeneralObjectives,
            Some(_) => StatedIn::Objectives,
        }
    }

    /// Whether a heading of `path` names the specific objectives (`Mục tiêu cụ thể`, `Các chỉ
    /// tiêu`): only there is an objective without a number a defect. The aims listed under a
    /// plain `Mục tiêu` of an inspection or an event are not targets.
    pub(super) fn under_specific(&self, path: &[usize]) -> bool {
        // A section of `Chỉ tiêu, nhiệm vụ` lists tasks among its targets: only numbers count there.
        path.iter().filter_map(|&i| self.flat.get(i)).any(super::Flat::specific)
    }

    pub(super) fn heading_year(&self, path: &[usize]) -> Option<i32> {
        path.iter().rev().filter_map(|&i| self.flat.get(i)).find_map(|f| f.year)
    }

    pub(super) fn targets_of(&mut self, m: &Mapped, path: &[usize], label: Option<String>, context: CitationContext) {
        self.targets_under(m, path, label, None, context);
    }

    pub(super) fn targets_under(
        &mut self,
        m: &Mapped,
        path: &[usize],
        label: Option<String>,
        group: Option<Text>,
        context: CitationContext,
    ) {
        let opts = self.opts;
        // One hash of the paragraph for the memories of its citations, targets and indicators.
        let key = crate::memo::text_key(&m.text);
        let masks = self.citations_of_keyed(m, context, key);
        let stated_in = self.stated_in(path);
        let ctx = targets::Context {
            src: self.src,
            vocab: self.vocab,
            stated_in,
            label,
            heading_year: self.heading_year(path),
            qualitative: stated_in == StatedIn::Objectives && self.under_specific(path),
            group,
        };
        let mut found: Vec<Target> = targets::from_paragraph(opts, &ctx, m, &masks, key);
        self.plan.targets.append(&mut found);
    }

    pub(super) fn table_citations(&mut self, t: &layout::Table, context: CitationContext) {
        for row in &t.rows {
            for cell in &row.cells {
                self.citations_of(cell, context);
            }
        }
    }

    /// Target tables (chỉ tiêu | đơn vị tính | đến năm 2030 …).
    pub(super) fn target_table(&mut self, t: &layout::Table, path: &[usize], stated_in: StatedIn) {
        let opts = self.opts;
        let Some(first) = t.rows.first() else { return };
        let tables::TableKind::Targets(cols) = tables::classify(opts, first) else {
            return;
        };
        let src = self.src;
        for row in t.rows.iter().skip(1) {
            let cell = |i: usize| row.cells.get(i).cloned().unwrap_or_default();
            let indicator = cell(cols.indicator);
            if indicator.is_empty() {
                continue;
            }
            let label = cols.number.map(|i| cell(i).text).filter(|l| !l.is_empty());
            let unit_cell = cols.unit.map(&cell).unwrap_or_default();
            for &(col, year) in &cols.values {
                let value = cell(col);
                if value.is_empty() {
                    continue;
                }
                // Read the value cell with the unit column's unit after it.
                let mut joined = value.clone();
                if !unit_cell.is_empty() && !value.text.ends_with(['%', '‰']) {
                    joined.push_gap(" ");
                    joined.append(&unit_cell);
                }
                let masks = numbers::masks(opts, &joined.text);
                let Some(q) = numbers::quantities(opts, &joined.text, &masks).into_iter().next() else {
                    continue;
                };
                let ind = self.vocab.find(&indicator.text);
                let mut target = Target {
                    text: indicator.to_text(src),
                    label: label.clone(),
                    indicator: ind.map(|m| m.indicator.id.clone()),
                    indicator_text: ind.map(|m| indicator.text_of(src, m.start, m.end)),
                    comparator: q.comparator.map(|c| c.0),
                    comparator_text: q.comparator.map(|(_, a, b)| joined.text_of(src, a, b)),
                    change: q.change,
                    value: q.value.map(|v| crate::model::Number {
                        value: v.value,
                        raw: joined.text.get(v.start..v.end).unwrap_or_default().to_owned(),
                        span: joined.span_of(src, v.start, v.end),
                    }),
                    value_max: q.value_max.map(|v| crate::model::Number {
                        value: v.value,
                        raw: joined.text.get(v.start..v.end).unwrap_or_default().to_owned(),
                        span: joined.span_of(src, v.start, v.end),
                    }),
                    value_status: if q.malformed.is_some() {
                        crate::model::ValueStatus::Malformed
                    } else {
                        crate::model::ValueStatus::Ok
                    },
                    value_raw: q.malformed.map(|(a, b)| joined.text_of(src, a, b)),
                    unit: q.unit.map(|(kind, a, b)| crate::model::Unit {
                        kind,
                        text: joined.text.get(a..b).unwrap_or_default().to_owned(),
                        span: joined.span_of(src, a, b),
                    }),
                    subject: None,
                    key: None,
                    year: year.or_else(|| self.heading_year(path)),
                    year_source: year
                        .map(|_| crate::model::YearSource::Column)
                        .or_else(|| self.heading_year(path).map(|_| crate::model::YearSource::Heading)),
                    stated_in,
                };
                if target.unit.is_none() {
                    target.value_status = crate::model::ValueStatus::Ok;
                }
                self.plan.targets.push(target);
            }
        }
    }

    /// A paragraph under a unit of *Tổ chức thực hiện* is one of its duties.
    pub(super) fn assignment_duty(&mut self, path: &[usize], p: &Para) {
        let Some(pos) = path.iter().position(|&i| self.section(i).is_some_and(|s| s.role == Role::Implementation))
        else {
            return;
        };
        let Some(&unit_idx) = path.get(pos + 1) else {
            return;
        };
        let Some(flat) = self.flat.get(unit_idx) else {
            return;
        };
        let duty = p.text.to_text(self.src);
        let span = flat.section.span;
        match self.plan.assignments.last_mut() {
            Some(a) if a.span == span => a.duties.push(duty),
            _ => {
                // `Đề nghị Ủy ban MTTQ…`: the unit is what follows the request.
                let t = &flat.title;
                let skip = if t.text.starts_with("Đề nghị ") { "Đề nghị ".len() } else { 0 };
                let unit = t.text_of(self.src, skip, t.text.len());
                self.plan.assignments.push(Assignment { unit, duties: vec![duty], span });
            }
        }
    }
}

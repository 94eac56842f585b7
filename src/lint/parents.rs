//! Parent plans: plans that other plans in the same run (or the config's `parents:`) cite as their
//! basis. A child cites its parent as `Kế hoạch số 141/KH-UBND ngày 16/5/2023 của UBND huyện Bạch
//! Thông`; the parent is matched on all three — symbol, date and issuer — because a symbol alone
//! repeats across communes and years. Its targets then become [`ParentTarget`]s that
//! `parent_targets()` offers the child's rules, exactly like the national targets of the registry.

use crate::model::{Change, CitationContext, Comparator, Header, Plan, Target, ValueStatus};
use crate::registry::{Confidence, IndicatorVocab, ParentComparator, ParentTarget};
use crate::text::fold_text;

/// What identifies a plan as a citable parent: its symbol, complete date and issuer. Read from
/// the header alone, so a run of 10,000 plans can index every plan without extracting it twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentKey {
    /// Where it was read from, for messages and to extract its targets when a child cites it.
    pub path: String,
    /// Its symbol in standard form (`141/KH-UBND`).
    pub symbol: String,
    /// Its date (complete: a plan with a blank day cannot be cited).
    pub date: (i32, u32, u32),
    /// Its issuer, folded for comparison (`uy ban nhan dan huyen bach thong`).
    issuer: String,
    /// The place its issuer names, folded (`bach thong`), when one can be told.
    place: Option<String>,
}

impl ParentKey {
    /// The identity of a plan with this header, when it can be cited: a number, a complete date
    /// and an issuer. A draft with a blank number is nobody's parent.
    pub fn from_header(path: &str, header: &Header) -> Option<Self> {
        let symbol = header.symbol.as_ref()?.canonical()?;
        let date = header.place_date.as_ref()?.date.date()?;
        let issuer = fold_text(&header.issuer.as_ref()?.text);
        let place = place_of(&issuer);
        Some(Self { path: path.to_owned(), symbol, date: (date.year, date.month, date.day), issuer, place })
    }

    /// Whether a citation with this symbol, date and folded issuer names this plan: same
    /// symbol, same complete date, and an issuer that names the same place (or body).
    fn is_named(&self, symbol: &str, date: (i32, u32, u32), issuer: &str) -> bool {
        symbol == self.symbol
            && date == self.date
            && match &self.place {
                Some(place) => issuer.contains(place.as_str()),
                None => issuer.contains(self.issuer.as_str()) || self.issuer.contains(issuer),
            }
    }
}

/// A plan that may be cited as a parent: its identity and its targets.
#[derive(Debug, Clone)]
pub struct ParentPlan {
    /// Its identity.
    pub key: ParentKey,
    /// Its targets, as a higher-level document's.
    pub targets: Vec<ParentTarget>,
}

impl ParentPlan {
    /// The plan's identity and targets, when it can be cited (see [`ParentKey::from_header`]).
    pub fn from_plan(path: &str, plan: &Plan, vocab: &IndicatorVocab) -> Option<Self> {
        let key = ParentKey::from_header(path, &plan.header)?;
        Some(Self { targets: parent_targets_of(&key.symbol, plan, vocab), key })
    }
}

/// A plan's targets as a parent's, under the symbol children cite it by.
pub fn parent_targets_of(symbol: &str, plan: &Plan, vocab: &IndicatorVocab) -> Vec<ParentTarget> {
    let default_year = plan.period.as_ref().and_then(crate::model::Period::single_year);
    plan.targets.iter().filter_map(|t| parent_target(symbol, t, default_year, vocab)).collect()
}

/// One citable plan of the index; its targets are read when a child first cites it.
#[derive(Debug)]
struct Entry {
    key: ParentKey,
    targets: std::sync::OnceLock<Vec<ParentTarget>>,
}

/// The parents known to a run, and the targets each plan inherits from them. Safe to share
/// between the threads of a run: a parent known only by its header has its targets read once,
/// by the first child that cites it.
#[derive(Debug, Default)]
pub struct ParentIndex {
    entries: Vec<Entry>,
    /// Positions in `entries`, by symbol: a run of 10,000 plans compares a citation with the few
    /// plans of its symbol only.
    by_symbol: std::collections::HashMap<String, Vec<usize>>,
}

impl ParentIndex {
    /// An index of plans whose targets are known.
    pub fn new(plans: Vec<ParentPlan>) -> Self {
        let mut index = Self::default();
        for p in plans {
            let targets = std::sync::OnceLock::new();
            let _ = targets.set(p.targets);
            index.push(Entry { key: p.key, targets });
        }
        index
    }

    /// Add plans known by their header only; their targets are read when first cited.
    pub fn extend_keys(&mut self, keys: impl IntoIterator<Item = ParentKey>) {
        for key in keys {
            self.push(Entry { key, targets: std::sync::OnceLock::new() });
        }
    }

    fn push(&mut self, entry: Entry) {
        self.by_symbol.entry(entry.key.symbol.clone()).or_default().push(self.entries.len());
        self.entries.push(entry);
    }

    /// How many plans may be cited as parents.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The targets of the parents a plan cites in its bases or title (each parent once; a plan
    /// is never its own parent). `read` gives the targets of a parent known by its header only
    /// (an unreadable parent has none).
    pub fn targets_for(&self, child: &Plan, read: &dyn Fn(&ParentKey) -> Vec<ParentTarget>) -> Vec<ParentTarget> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let own = child.header.symbol.as_ref().and_then(|s| s.canonical());
        let own_date = child.header.place_date.as_ref().and_then(|p| p.date.date()).map(|d| (d.year, d.month, d.day));
        let mut out = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for c in child.citations.iter().filter(|c| matches!(c.context, CitationContext::Basis | CitationContext::Title))
        {
            // A citation without a complete date or an issuer names no parent.
            let Some(symbol) = c.symbol.canonical() else { continue };
            let Some(candidates) = self.by_symbol.get(&symbol) else { continue };
            let Some(date) = c.date.as_ref().and_then(|d| d.date()).map(|d| (d.year, d.month, d.day)) else { continue };
            let Some(issuer) = c.issuer.as_ref().map(|i| fold_text(&i.text)) else { continue };
            for &i in candidates {
                let Some(e) = self.entries.get(i) else { continue };
                let is_self = own.as_deref() == Some(e.key.symbol.as_str()) && own_date == Some(e.key.date);
                if !is_self && !seen.contains(&i) && e.key.is_named(&symbol, date, &issuer) {
                    seen.push(i);
                    out.extend(e.targets.get_or_init(|| read(&e.key)).iter().cloned());
                }
            }
        }
        out
    }
}

/// Words that name a level of administration; the place name follows the last of them.
const LEVELS: &[&str] = &["xa ", "phuong ", "thi tran ", "huyen ", "quan ", "thi xa ", "thanh pho ", "tinh "];

/// The place an issuer names (`uy ban nhan dan huyen bach thong` → `bach thong`).
fn place_of(issuer: &str) -> Option<String> {
    let (at, level) = LEVELS.iter().filter_map(|l| issuer.rfind(l).map(|i| (i, *l))).max_by_key(|(i, _)| *i)?;
    let place = issuer.get(at + level.len()..)?.trim();
    (!place.is_empty()).then(|| place.to_owned())
}

/// A target of a parent plan, when it has an indicator, a value and a year.
fn parent_target(doc: &str, t: &Target, default_year: Option<i32>, vocab: &IndicatorVocab) -> Option<ParentTarget> {
    if t.value_status != ValueStatus::Ok {
        return None;
    }
    let indicator = t.indicator.clone()?;
    let value = t.value.as_ref()?.value;
    let year = t.year.or(default_year)?;
    let comparator = match (t.change, t.comparator) {
        (Some(Change::PerYear), _) => return None,
        (Some(_), _) => ParentComparator::DeltaGe,
        (None, Some(Comparator::Gt)) => ParentComparator::Gt,
        (None, Some(Comparator::Ge)) => ParentComparator::Ge,
        (None, Some(Comparator::Lt)) => ParentComparator::Lt,
        (None, Some(Comparator::Le)) => ParentComparator::Le,
        (None, Some(Comparator::Approx)) => ParentComparator::Approx,
        (None, Some(Comparator::Range)) => ParentComparator::Range,
        (None, Some(Comparator::Eq) | None) => ParentComparator::Reach,
    };
    let unit = match &t.unit {
        Some(u) => crate::dsl::unit_kind_id(u.kind).to_owned(),
        None => vocab.get(&indicator)?.unit.clone(),
    };
    Some(ParentTarget {
        doc: doc.to_owned(),
        indicator,
        year,
        comparator,
        value: Some(value),
        value_max: t.value_max.as_ref().map(|n| n.value),
        unit,
        verified: Confidence::Yes,
        comparable: false,
        source: Vec::new(),
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_follows_the_last_level() {
        assert_eq!(place_of("uy ban nhan dan huyen bach thong").as_deref(), Some("bach thong"));
        assert_eq!(place_of("dang uy xa luc binh").as_deref(), Some("luc binh"));
        assert_eq!(place_of("ban chi dao"), None);
    }
}

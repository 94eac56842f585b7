//! Targets of higher-level documents (`rules/registry/targets.yaml`): what a resolution or a
//! national strategy sets for an indicator and a year. A plan's targets are compared with those
//! of the documents it implements; only verified entries are ever compared.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::RegistryError;
use super::indicators::IndicatorVocab;
use super::legal::LegalRegistry;
use crate::model::Decimal;
use crate::source::Bilingual;

/// How a higher-level target is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentComparator {
    /// `đạt`, `còn`, a bare number: at least (or, for lower-is-better, at most) the value.
    Reach,
    /// `trên`.
    Gt,
    /// `ít nhất`, `tối thiểu`.
    Ge,
    /// `dưới`.
    Lt,
    /// `không quá`.
    Le,
    /// `khoảng`.
    Approx,
    /// `4–5`.
    Range,
    /// `tăng thêm ít nhất`: a change, not a level.
    DeltaGe,
    /// `toàn dân`: no number.
    Nonnumeric,
}

/// How sure the sources are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Value, indicator and year seen in a source attributing them to the document.
    Yes,
    /// The value is seen, but its attribution, comparator or indicator is uncertain.
    Partial,
    /// Not seen.
    No,
}

/// A target of a higher-level document, or of a parent plan in the same run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentTarget {
    /// The document's symbol (`72-NQ/TW`).
    pub doc: String,
    /// The indicator id.
    pub indicator: String,
    /// The year it is set for.
    pub year: i32,
    /// How it is stated.
    pub comparator: ParentComparator,
    /// The value (the lower bound of a range).
    #[serde(default)]
    pub value: Option<Decimal>,
    /// The upper bound of a range.
    #[serde(default)]
    pub value_max: Option<Decimal>,
    /// The unit (the indicator's, or one of its other units).
    pub unit: String,
    /// How sure the sources are; only `yes` is compared.
    pub verified: Confidence,
    /// Whether a district's or commune's figure may be compared with it although the indicator
    /// is scope-sensitive (national ratios per 10.000 include central hospitals).
    #[serde(default)]
    pub comparable: bool,
    /// Sources.
    #[serde(default)]
    pub source: Vec<String>,
    /// Anything a rule author should know.
    #[serde(default)]
    pub note: Option<String>,
}

impl ParentTarget {
    /// Whether it is a change (`tăng thêm`) rather than a level.
    pub fn is_change(&self) -> bool {
        self.comparator == ParentComparator::DeltaGe
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetFile {
    targets: Vec<ParentTarget>,
}

/// The loaded targets, indexed by document.
#[derive(Debug, Clone, Default)]
pub struct TargetRegistry {
    targets: Vec<ParentTarget>,
    by_doc: HashMap<String, Vec<usize>>,
}

impl TargetRegistry {
    /// Load and validate against the indicator vocabulary and the legal registry: unknown
    /// indicators, units and documents, a compared entry without a value, and the same document,
    /// indicator and year twice are located errors.
    pub fn from_yaml(
        path: &str,
        text: &str,
        vocab: &IndicatorVocab,
        legal: &LegalRegistry,
    ) -> Result<Self, RegistryError> {
        let mut reg = Self::default();
        reg.extend_from_yaml(path, text, vocab, legal)?;
        Ok(reg)
    }

    /// Add the targets of another file.
    pub fn extend_from_yaml(
        &mut self,
        path: &str,
        text: &str,
        vocab: &IndicatorVocab,
        legal: &LegalRegistry,
    ) -> Result<(), RegistryError> {
        let file: TargetFile = super::read(path, text)?;
        let mut nth: HashMap<String, usize> = HashMap::new();
        for t in file.targets {
            // Entries are one line each (`- {doc: …, indicator: …}`): locate by document and
            // indicator, counting repeats.
            let anchor = format!("doc: {}, indicator: {}", t.doc, t.indicator);
            let n = nth.entry(anchor.clone()).or_insert(0);
            let index_in_file = *n;
            *n += 1;
            // Located only for an error: searching the file for every entry is most of the cost
            // of loading it.
            let offset = || RegistryError::locate_nth(text, &anchor, index_in_file);
            let at = |needle: &str| {
                let offset = offset();
                text.get(offset..).and_then(|r| r.find(needle)).map_or(offset, |i| offset + i)
            };
            let Some(indicator) = vocab.get(&t.indicator) else {
                return Err(RegistryError::new(
                    path,
                    text,
                    at(&t.indicator),
                    Bilingual::new(
                        format!("không có chỉ tiêu `{}` (không có trong indicators.yaml)", t.indicator),
                        format!("unknown indicator `{}` (not in indicators.yaml)", t.indicator),
                    ),
                ));
            };
            if t.unit != indicator.unit && !indicator.alt_units.contains(&t.unit) {
                return Err(RegistryError::new(
                    path,
                    text,
                    at(&format!("unit: {}", t.unit)),
                    Bilingual::new(
                        format!("đơn vị `{}` không phải đơn vị của `{}` ({})", t.unit, t.indicator, indicator.unit),
                        format!("unit `{}` is not a unit of `{}` ({})", t.unit, t.indicator, indicator.unit),
                    ),
                ));
            }
            if legal.by_symbol(&t.doc).next().is_none() {
                return Err(RegistryError::new(
                    path,
                    text,
                    offset(),
                    Bilingual::new(
                        format!("văn bản `{}` không có trong danh mục văn bản pháp luật", t.doc),
                        format!("document `{}` is not in the legal registry", t.doc),
                    ),
                ));
            }
            let numeric = t.comparator != ParentComparator::Nonnumeric;
            if numeric && t.value.is_none() {
                return Err(RegistryError::new(
                    path,
                    text,
                    offset(),
                    Bilingual::new(
                        format!("`{}` {} không có giá trị (`value`)", t.doc, t.indicator),
                        format!("`{}` {} has no value", t.doc, t.indicator),
                    ),
                ));
            }
            if (t.comparator == ParentComparator::Range) != t.value_max.is_some() {
                return Err(RegistryError::new(
                    path,
                    text,
                    at("comparator"),
                    Bilingual::new(
                        "khoảng (`range`) cần `value_max`, và chỉ khoảng mới có `value_max`",
                        "a range needs `value_max`, and only a range has one",
                    ),
                ));
            }
            let dup = self
                .by_doc
                .get(&t.doc)
                .into_iter()
                .flatten()
                .filter_map(|&i| self.targets.get(i))
                .any(|o| o.indicator == t.indicator && o.year == t.year && o.verified == Confidence::Yes);
            if dup && t.verified == Confidence::Yes {
                return Err(RegistryError::new(
                    path,
                    text,
                    offset(),
                    Bilingual::new(
                        format!("`{}` đặt `{}` cho năm {} hai lần", t.doc, t.indicator, t.year),
                        format!("`{}` sets `{}` for {} twice", t.doc, t.indicator, t.year),
                    ),
                ));
            }
            let index = self.targets.len();
            self.by_doc.entry(t.doc.clone()).or_default().push(index);
            self.targets.push(t);
        }
        Ok(())
    }

    /// Every entry.
    pub fn targets(&self) -> &[ParentTarget] {
        &self.targets
    }

    /// The entries of a document.
    pub fn of_doc(&self, symbol: &str) -> impl Iterator<Item = &ParentTarget> {
        self.by_doc.get(symbol).into_iter().flatten().filter_map(|&i| self.targets.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (IndicatorVocab, LegalRegistry) {
        let vocab = crate::registry::builtin_indicators().unwrap().clone();
        let legal = LegalRegistry::from_yaml(
            "l.yaml",
            "documents:\n  - symbol: 72-NQ/TW\n    type: Nghị quyết\n    issuer: Bộ Chính trị\n    date: 2025-09-09\n",
        )
        .unwrap();
        (vocab, legal)
    }

    #[test]
    fn targets_are_validated_against_the_vocabulary_and_the_documents() {
        let (vocab, legal) = setup();
        let ok = "targets:\n- {doc: 72-NQ/TW, indicator: life_expectancy, year: 2030, comparator: reach, value: 75.5, unit: years, verified: yes}\n";
        let reg = TargetRegistry::from_yaml("t.yaml", ok, &vocab, &legal).unwrap();
        assert_eq!(reg.of_doc("72-NQ/TW").count(), 1);
        let unknown = ok.replace("life_expectancy", "lifespan");
        let err = TargetRegistry::from_yaml("t.yaml", &unknown, &vocab, &legal).unwrap_err();
        assert!(err.to_string().contains("không có chỉ tiêu `lifespan`"), "{err}");
        assert!(err.clone().in_lang(crate::lang::Lang::En).to_string().contains("unknown indicator `lifespan`"));
        assert_eq!(err.offset(), unknown.find("lifespan").unwrap());
        let unit = ok.replace("unit: years", "unit: percent");
        assert!(
            TargetRegistry::from_yaml("t.yaml", &unit, &vocab, &legal)
                .unwrap_err()
                .to_string()
                .contains("không phải đơn vị của")
        );
        let doc = ok.replace("72-NQ/TW", "73-NQ/TW");
        assert!(
            TargetRegistry::from_yaml("t.yaml", &doc, &vocab, &legal)
                .unwrap_err()
                .to_string()
                .contains("không có trong danh mục văn bản")
        );
        let twice = format!("{ok}{}", ok.trim_start_matches("targets:\n"));
        let err = TargetRegistry::from_yaml("t.yaml", &twice, &vocab, &legal).unwrap_err();
        assert!(err.to_string().contains("hai lần"), "{err}");
        assert_eq!(err.offset(), twice.rfind("doc: 72").unwrap());
    }
}

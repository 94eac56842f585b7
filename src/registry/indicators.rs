//! The indicator vocabulary (`rules/registry/indicators.yaml`): ids, the wordings that name each
//! indicator, its unit, direction and plausible range.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::RegistryError;
use super::phrase::{Phrase, PhraseError, PhraseSet, words};
use crate::source::Bilingual;

/// Which way an indicator improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (coverage, satisfaction…).
    HigherIsBetter,
    /// Less is better (mortality, stunting…).
    LowerIsBetter,
    /// Set by local policy (fertility): no ambition comparison.
    Context,
}

/// Whether targets of an indicator are levels or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// A level to reach.
    #[default]
    Level,
    /// A change against a baseline.
    Delta,
    /// A change per year.
    AnnualDelta,
}

/// Units an indicator can be measured in.
pub const UNITS: &[&str] = &[
    "percent",
    "per_mille",
    "per_10k",
    "per_100k",
    "years",
    "cm",
    "count",
    "per_station",
    "visits",
    "times_per_year",
    "points",
    "children_per_woman",
    "boys_per_100_girls",
    "million_persons",
    "rank",
];

/// One indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id (`bhyt_coverage`).
    pub id: String,
    /// Wordings that name it.
    pub names: Vec<String>,
    /// Its unit (one of [`UNITS`]).
    pub unit: String,
    /// Other units it may be stated in.
    #[serde(default)]
    pub alt_units: Vec<String>,
    /// Which way it improves.
    pub direction: Direction,
    /// Plausible values, `[low, high]`.
    #[serde(default)]
    pub range: Option<[f64; 2]>,
    /// Level or change.
    #[serde(default)]
    pub form: Form,
    /// National ratios include higher-level facilities and are not comparable with a district's.
    #[serde(default)]
    pub scope_sensitive: bool,
    /// Other indicators whose targets may be compared with this one's.
    #[serde(default)]
    pub comparable_with: Vec<String>,
    /// Anything a rule author should know.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorFile {
    indicators: Vec<Indicator>,
}

/// The indicator vocabulary, compiled for matching.
#[derive(Debug, Clone, Default)]
pub struct IndicatorVocab {
    /// Which vocabulary this is, for the memories of matches ([`IndicatorVocab::find_all`]):
    /// each one loaded gets its own (a copy shares it; the empty one is 0).
    id: u64,
    indicators: Vec<Indicator>,
    by_id: HashMap<String, usize>,
    pub(super) phrases: PhraseSet,
}

/// An indicator named in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorMatch<'a> {
    /// The indicator.
    pub indicator: &'a Indicator,
    /// Byte range of the naming words in the text searched.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

impl IndicatorVocab {
    /// Load and validate a vocabulary file: YAML errors, duplicate ids, unknown units, bad
    /// ranges and names that cannot be matched are located errors.
    pub fn from_yaml(path: &str, text: &str) -> Result<Self, RegistryError> {
        let file: IndicatorFile = super::read(path, text)?;
        let mut vocab = Self::default();
        for indicator in file.indicators {
            let at = |needle: &str| RegistryError::locate(text, &format!("id: {}", indicator.id), needle);
            if vocab.by_id.contains_key(&indicator.id) {
                return Err(RegistryError::new(
                    path,
                    text,
                    RegistryError::locate_nth(text, &format!("id: {}", indicator.id), 1),
                    Bilingual::new(
                        format!("chỉ tiêu `{}` được khai báo hai lần", indicator.id),
                        format!("indicator `{}` is defined twice", indicator.id),
                    ),
                ));
            }
            for unit in std::iter::once(&indicator.unit).chain(&indicator.alt_units) {
                if !UNITS.contains(&unit.as_str()) {
                    return Err(RegistryError::new(
                        path,
                        text,
                        at(unit),
                        Bilingual::new(
                            format!("không có đơn vị `{unit}` (các đơn vị: {})", UNITS.join(", ")),
                            format!("unknown unit `{unit}` (known: {})", UNITS.join(", ")),
                        ),
                    ));
                }
            }
            if let Some([low, high]) = indicator.range
                && low > high
            {
                return Err(RegistryError::new(
                    path,
                    text,
                    at("range"),
                    Bilingual::new(
                        format!("khoảng [{low}, {high}] bị ngược (số đầu lớn hơn số sau)"),
                        format!("range [{low}, {high}] is reversed"),
                    ),
                ));
            }
            if indicator.names.is_empty() {
                return Err(RegistryError::new(
                    path,
                    text,
                    at("names"),
                    Bilingual::new(
                        format!("chỉ tiêu `{}` không có tên nào (`names`)", indicator.id),
                        format!("indicator `{}` has no names", indicator.id),
                    ),
                ));
            }
            let index = vocab.indicators.len();
            for name in &indicator.names {
                let phrase = Phrase::compile(name).map_err(|e| {
                    let (vi, en) = match e {
                        PhraseError::Empty => ("không có chữ nào", "has no word"),
                        PhraseError::BadStart => (
                            "phải bắt đầu bằng một chữ, không phải `(` hay `…`",
                            "must start with a word, not `(` or `…`",
                        ),
                        PhraseError::Unbalanced => ("có `(` mà không có `)`", "has a `(` without `)`"),
                    };
                    let message = Bilingual::new(format!("tên `{name}` {vi}"), format!("name `{name}` {en}"));
                    RegistryError::new(path, text, at(name), message)
                })?;
                vocab.phrases.insert(phrase, index);
            }
            vocab.by_id.insert(indicator.id.clone(), index);
            vocab.indicators.push(indicator);
        }
        for indicator in &vocab.indicators {
            for other in &indicator.comparable_with {
                if !vocab.by_id.contains_key(other) {
                    return Err(RegistryError::new(
                        path,
                        text,
                        RegistryError::locate(text, &format!("id: {}", indicator.id), other),
                        Bilingual::new(
                            format!("`comparable_with` nêu chỉ tiêu không có: `{other}`"),
                            format!("`comparable_with` names unknown indicator `{other}`"),
                        ),
                    ));
                }
            }
        }
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        vocab.id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(vocab)
    }

    /// All indicators, in file order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The indicator with an id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).and_then(|&i| self.indicators.get(i))
    }

    /// Every indicator a text names, without overlaps (longer wordings win), in text order.
    pub fn find_all(&self, text: &str) -> Vec<IndicatorMatch<'_>> {
        self.find_all_keyed(text, crate::memo::text_key(text))
    }

    /// [`IndicatorVocab::find_all`] for a text whose key for the memories is known.
    pub(crate) fn find_all_keyed(&self, text: &str, key: crate::memo::TextKey) -> Vec<IndicatorMatch<'_>> {
        thread_local! {
            static MATCHES: crate::memo::Memo<std::rc::Rc<[(usize, usize, usize)]>> = crate::memo::Memo::default();
        }
        let found = crate::memo::remember_keyed(&MATCHES, key, self.id, || {
            self.phrases.all(&words(text)).into_iter().map(|m| (m.value, m.start, m.end)).collect::<Vec<_>>().into()
        });
        found
            .iter()
            .filter_map(|&(i, start, end)| Some(IndicatorMatch { indicator: self.indicators.get(i)?, start, end }))
            .collect()
    }

    /// The indicator a text names, if any: the longest matching wording, then the earliest.
    pub fn find(&self, text: &str) -> Option<IndicatorMatch<'_>> {
        let m = self.phrases.best(&words(text))?;
        Some(IndicatorMatch { indicator: self.indicators.get(m.value)?, start: m.start, end: m.end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_names_the_seed_wordings() {
        let vocab = crate::registry::builtin_indicators().unwrap();
        let id = |t: &str| vocab.find(t).map(|m| m.indicator.id.as_str());
        assert_eq!(id("Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 96%"), Some("bhyt_coverage"));
        assert_eq!(id("Tỷ lệ hài lòng của người dân với dịch vụ y tế đạt trên 96%"), Some("satisfaction_people"));
        assert_eq!(id("Duy trì tỷ lệ hài lòng của người bệnh đạt trên 90%"), Some("satisfaction_patient"));
        assert_eq!(id("Tỷ suất chết trẻ em dưới 1 tuổi (1.000 trẻ đẻ ra sống) 29,19%"), Some("imr_per_1000"));
        assert_eq!(id("thể thấp còi/tuổi dưới 21,4%"), Some("stunting_under5"));
        assert_eq!(
            id("tỷ lệ khám bệnh, chữa bệnh bảo hiểm y tế tại trạm y tế cấp xã trên 20%"),
            Some("bhyt_kcb_share_station")
        );
        assert_eq!(id("40% người dân có thẻ BHYT đăng ký KCB từ xa"), Some("telemedicine_registration"));
        assert_eq!(
            id("Tỷ lệ người nhiễm HIV/AIDS quản lý được trong cộng đồng giảm còn 0,26%"),
            Some("hiv_managed_rate")
        );
        assert_eq!(id("tỷ lệ nhiễm HIV trong cộng đồng chiếm 0,26%"), Some("hiv_prevalence"));
        assert_eq!(id("Đạt 15,05 giường bệnh/10.000 dân"), Some("beds_per_10k"));
        assert_eq!(id("tuổi thọ trung bình đạt trên 75 tuổi"), Some("life_expectancy"));
        assert_eq!(id("Tổ chức hội nghị quán triệt"), None);
        let all: Vec<&str> = vocab
            .find_all("tỷ lệ hộ gia đình sử dụng nhà tiêu vệ sinh đạt giảm tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể cân nặng/tuổi xuống dưới 16%")
            .iter()
            .map(|m| m.indicator.id.as_str())
            .collect();
        assert_eq!(all, ["latrine_coverage", "underweight_under5"]);
    }

    #[test]
    fn duplicate_ids_are_located() {
        let yaml = "indicators:\n  - id: a\n    names: [x]\n    unit: percent\n    direction: context\n  - id: a\n    names: [y]\n    unit: percent\n    direction: context\n";
        let err = IndicatorVocab::from_yaml("t.yaml", yaml).unwrap_err();
        assert!(err.to_string().contains("được khai báo hai lần"), "{err}");
        assert!(err.clone().in_lang(crate::lang::Lang::En).to_string().contains("defined twice"));
        assert_eq!(err.offset(), yaml.rfind("id: a").unwrap());
    }

    #[test]
    fn unknown_units_and_yaml_errors_are_located() {
        let yaml = "indicators:\n  - id: a\n    names: [x]\n    unit: parsec\n    direction: context\n";
        let err = IndicatorVocab::from_yaml("t.yaml", yaml).unwrap_err();
        assert!(err.to_string().contains("không có đơn vị `parsec`"), "{err}");
        assert!(err.clone().in_lang(crate::lang::Lang::En).to_string().contains("unknown unit `parsec`"));
        assert_eq!(err.offset(), yaml.find("parsec").unwrap());
        let err = IndicatorVocab::from_yaml("t.yaml", "indicators:\n  - id: a\n    nmes: [x]\n").unwrap_err();
        assert!(err.to_string().contains("nmes"), "{err}");
        assert_eq!(err.offset(), "indicators:\n  - id: a\n    ".len());
    }
}

//! Registries of verified facts the engine and the rules consult: the indicator vocabulary,
//! the legal-document registry and the targets of higher-level documents. Built-in registries are
//! embedded from `rules/registry/` at build time; users add their own files beside them.

mod error;
mod indicators;
mod legal;
pub(crate) mod phrase;
mod targets;

use std::sync::LazyLock;

pub use error::RegistryError;
pub use indicators::{Direction, Form, Indicator, IndicatorMatch, IndicatorVocab, UNITS};
pub use legal::{DocPeriod, DocStatus, Fact, LegalDoc, LegalRegistry, Successor};
pub use targets::{Confidence, ParentComparator, ParentTarget, TargetRegistry};

const INDICATORS_PATH: &str = "rules/registry/indicators.yaml";
const LEGAL_PATH: &str = "rules/registry/legal.yaml";
const TARGETS_PATH: &str = "rules/registry/targets.yaml";

fn embedded(path: &str, empty: &'static str) -> &'static str {
    crate::embedded::REGISTRY_FILES.iter().find(|(p, ..)| *p == path).map_or(empty, |(_, text, _)| text)
}

/// Read a registry file. A built-in file (this very text) is read from its JSON twin, made at
/// build time: the same values ten times faster. Any other text, or a twin that does not read,
/// goes through the YAML parser, whose errors are located in the file.
fn read<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, RegistryError> {
    let twin = crate::embedded::REGISTRY_FILES
        .iter()
        .find(|(p, yaml, json)| *p == path && std::ptr::eq(*yaml, text) && !json.is_empty())
        .and_then(|(_, _, json)| serde_json::from_str(json).ok());
    match twin {
        Some(value) => Ok(value),
        None => {
            // A file of the user's: bounded before serde_yaml expands its aliases.
            crate::yaml::check_limits(text).map_err(|e| RegistryError::limit(path, text, &e))?;
            serde_yaml::from_str(text).map_err(|e| RegistryError::yaml(path, text, &e))
        }
    }
}

static BUILTIN_INDICATORS: LazyLock<Result<IndicatorVocab, RegistryError>> =
    LazyLock::new(|| IndicatorVocab::from_yaml(INDICATORS_PATH, embedded(INDICATORS_PATH, "indicators: []")));

/// The built-in indicator vocabulary, loaded once.
pub fn builtin_indicators() -> Result<&'static IndicatorVocab, RegistryError> {
    BUILTIN_INDICATORS.as_ref().map_err(Clone::clone)
}

/// Everything the rules consult.
#[derive(Debug, Clone)]
pub struct Registry {
    /// The indicator vocabulary.
    pub indicators: IndicatorVocab,
    /// Documents plans cite.
    pub legal: LegalRegistry,
    /// Targets of higher-level documents.
    pub targets: TargetRegistry,
}

static BUILTIN: LazyLock<Result<Registry, RegistryError>> = LazyLock::new(|| {
    let indicators = builtin_indicators()?.clone();
    let legal = LegalRegistry::from_yaml(LEGAL_PATH, embedded(LEGAL_PATH, "documents: []"))?;
    let targets = TargetRegistry::from_yaml(TARGETS_PATH, embedded(TARGETS_PATH, "targets: []"), &indicators, &legal)?;
    Ok(Registry { indicators, legal, targets })
});

impl Registry {
    /// The built-in registries, loaded and validated once.
    pub fn builtin() -> Result<&'static Registry, RegistryError> {
        BUILTIN.as_ref().map_err(Clone::clone)
    }

    /// The built-in registries with users' files added: each file holds `documents:` (legal
    /// documents) or `targets:` (targets of higher-level documents). Documents are added first,
    /// so a user's targets may name a user's document.
    pub fn with_files(files: &[(String, String)]) -> Result<Registry, RegistryError> {
        let mut reg = Self::builtin()?.clone();
        let kind = |text: &str| {
            text.lines().find_map(|l| {
                let key = l.split_once(':')?.0;
                (!l.starts_with([' ', '#', '-']) && !key.is_empty()).then(|| key.trim().to_owned())
            })
        };
        for (path, text) in files {
            match kind(text).as_deref() {
                Some("documents") => reg.legal.extend_from_yaml(path, text)?,
                Some("targets") | Some("indicators") => {}
                other => {
                    let found = other.unwrap_or("");
                    return Err(RegistryError::new(
                        path,
                        text,
                        0,
                        crate::source::Bilingual::new(
                            format!(
                                "tệp danh mục phải bắt đầu bằng `documents:` hoặc `targets:`, không phải `{found}`"
                            ),
                            format!("a registry file starts with `documents:` or `targets:`, not `{found}`"),
                        ),
                    ));
                }
            }
        }
        for (path, text) in files {
            match kind(text).as_deref() {
                Some("targets") => reg.targets.extend_from_yaml(path, text, &reg.indicators, &reg.legal)?,
                Some("indicators") => {
                    return Err(RegistryError::new(
                        path,
                        text,
                        0,
                        crate::source::Bilingual::new(
                            "chưa hỗ trợ thêm chỉ tiêu từ tệp riêng: hãy đề nghị bổ sung vào danh mục chỉ tiêu có sẵn",
                            "adding indicators is not supported yet: ask for them to be added to the built-in vocabulary",
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(reg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_registries_read_the_same_from_their_json_twins() {
        fn same<T: serde::de::DeserializeOwned + std::fmt::Debug>(path: &str) {
            let text = embedded(path, "");
            let twin = crate::embedded::REGISTRY_FILES.iter().find(|(p, ..)| *p == path).unwrap().2;
            assert!(!twin.is_empty(), "{path} has no JSON twin");
            let by_yaml: T = serde_yaml::from_str(text).unwrap();
            let by_twin: T = read(path, text).unwrap();
            assert_eq!(format!("{by_twin:?}"), format!("{by_yaml:?}"), "{path}");
            // Another text, even with the same path, is read as YAML.
            let edited = text.replacen("\n", "\n\n", 1);
            assert!(read::<T>(path, &edited).is_ok());
            assert!(read::<T>(path, "[ not: closed").is_err());
        }
        same::<indicators::IndicatorFile>(INDICATORS_PATH);
        same::<legal::LegalFile>(LEGAL_PATH);
        same::<targets::TargetFile>(TARGETS_PATH);
    }

    #[test]
    fn the_built_in_registries_load_and_agree() {
        let reg = Registry::builtin().unwrap();
        assert!(reg.legal.documents().len() >= 40);
        let doc = reg.legal.lookup("122/QĐ-TTg", Some(2013), "").unwrap();
        assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2013-01-10"));
        assert!(doc.is_verified(Fact::Date) && doc.is_verified(Fact::Period));
        let le: Vec<_> = reg.targets.of_doc("72-NQ/TW").filter(|t| t.indicator == "life_expectancy").collect();
        assert_eq!(le.len(), 2);
        // Unverified records make a symbol known but confirm nothing.
        let local = reg.legal.lookup("346/KH-UBND", Some(2025), "UBND thành phố Hải Phòng").unwrap();
        assert!(local.verified.is_empty());
    }

    #[test]
    fn user_files_extend_the_registries() {
        let docs = ("my/legal.yaml".to_owned(), "documents:\n  - symbol: 12/KH-UBND\n    type: Kế hoạch\n    issuer: UBND tỉnh Bắc Kạn\n    date: 2024-02-01\n    jurisdiction: Bắc Kạn\n    verified: [date, issuer]\n".to_owned());
        let targets = ("my/targets.yaml".to_owned(), "targets:\n- {doc: 12/KH-UBND, indicator: bhyt_coverage, year: 2025, comparator: gt, value: 96, unit: percent, verified: yes}\n".to_owned());
        let reg = Registry::with_files(&[targets, docs]).unwrap();
        assert!(reg.legal.lookup("12/KH-UBND", Some(2024), "của UBND tỉnh Bắc Kạn").is_some());
        assert_eq!(reg.targets.of_doc("12/KH-UBND").count(), 1);
        let bad = ("x.yaml".to_owned(), "things: []\n".to_owned());
        let e = Registry::with_files(&[bad]).unwrap_err();
        assert!(e.to_string().contains("phải bắt đầu bằng `documents:`"), "{e}");
        assert!(e.in_lang(crate::lang::Lang::En).to_string().contains("starts with `documents:`"));
    }
}

//! The legal-document registry (`rules/registry/legal.yaml`): verified facts about the documents
//! plans cite. A record says which of its facts are verified; only those may ever produce a
//! "wrong date / issuer / title" finding. A symbol alone is not a key (numbers restart every year
//! or term, and every UBND writes `…/QĐ-UBND`): records are keyed on symbol, year and, for local
//! documents, jurisdiction.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::RegistryError;
use crate::model::Date;
use crate::source::Bilingual;

/// A fact of a record that sources confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The date of issue.
    Date,
    /// The issuing body.
    Issuer,
    /// The title (trích yếu) word for word.
    Title,
    /// The period named in the title.
    Period,
    /// The status (in force, replaced…).
    Status,
}

/// Whether a document is still in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    /// In force as of the newest evidence.
    InForce,
    /// Replaced by another document.
    Superseded,
    /// No longer in force.
    Expired,
    /// Not known.
    #[default]
    Unknown,
}

/// The period a document's title names (`giai đoạn 2011 - 2020, tầm nhìn đến năm 2030`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocPeriod {
    /// First year, for a range.
    #[serde(default)]
    pub start: Option<i32>,
    /// Last year (`đến năm 2030` has only this).
    pub end: i32,
    /// The vision year (`tầm nhìn đến năm 2045`).
    #[serde(default)]
    pub vision: Option<i32>,
}

/// A newer document on the same subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    /// Its symbol.
    pub symbol: String,
    /// Its date.
    pub date: Date,
    /// Whether it explicitly repeals this one (else it only covers the same subject anew).
    #[serde(default)]
    pub explicit: bool,
}

/// One document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalDoc {
    /// The symbol in its standard form (`122/QĐ-TTg`, `20-NQ/TW`, `43/2025/TT-BYT`).
    pub symbol: String,
    /// The document type (`Quyết định`).
    #[serde(rename = "type")]
    pub doc_type: String,
    /// The issuing body.
    pub issuer: String,
    /// Other names of the issuer that are right (`Ban Chấp hành Trung ương khóa XII`).
    #[serde(default)]
    pub issuer_names: Vec<String>,
    /// Names that are imprecise but not wrong (a Politburo resolution attributed to the Central
    /// Committee whose header it bears).
    #[serde(default)]
    pub imprecise_issuers: Vec<String>,
    /// Names that are wrong (a plenum resolution attributed to the Politburo).
    #[serde(default)]
    pub wrong_issuers: Vec<String>,
    /// The date of issue.
    #[serde(default)]
    pub date: Option<Date>,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The period its title names.
    #[serde(default)]
    pub period: Option<DocPeriod>,
    /// Its status.
    #[serde(default)]
    pub status: DocStatus,
    /// The document that explicitly replaced it.
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// A newer document on the same subject.
    #[serde(default)]
    pub successor: Option<Successor>,
    /// When it took effect, if not on signing.
    #[serde(default)]
    pub effective: Option<Date>,
    /// For local documents: the province or city (`Hải Phòng`); a citation must name it.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Short names (`Đề án 06`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The facts sources confirm.
    #[serde(default)]
    pub verified: Vec<Fact>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Anything a rule author should know.
    #[serde(default)]
    pub note: Option<String>,
}

impl LegalDoc {
    /// Whether a fact is verified.
    pub fn is_verified(&self, fact: Fact) -> bool {
        self.verified.contains(&fact)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LegalFile {
    documents: Vec<LegalDoc>,
}

/// The loaded registry, indexed by symbol.
#[derive(Debug, Clone, Default)]
pub struct LegalRegistry {
    docs: Vec<LegalDoc>,
    by_symbol: HashMap<String, Vec<usize>>,
}

/// Whether a symbol is written in one of the standard forms.
fn well_formed(symbol: &str) -> bool {
    let parts: Vec<&str> = symbol.split('/').collect();
    let number = |s: &str| {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_lowercase());
        !digits.is_empty() && digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let code = |s: &str| !s.is_empty() && s.split('-').all(|g| !g.is_empty() && g.chars().all(char::is_alphanumeric));
    match parts.as_slice() {
        // 20-NQ/TW
        [head, issuer] if head.contains('-') => {
            head.split_once('-').is_some_and(|(n, t)| number(n) && code(t)) && code(issuer)
        }
        // 122/QĐ-TTg
        [n, code_] => number(n) && code(code_),
        // 43/2025/TT-BYT, 262/2025/QH15
        [n, year, code_] => number(n) && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && code(code_),
        _ => false,
    }
}

impl LegalRegistry {
    /// Load and validate: YAML errors, malformed symbols, the same (symbol, year, jurisdiction)
    /// twice, and a fact marked verified that the record does not give are located errors.
    pub fn from_yaml(path: &str, text: &str) -> Result<Self, RegistryError> {
        let file: LegalFile = super::read(path, text)?;
        let mut reg = Self::default();
        reg.add(path, text, file.documents)?;
        Ok(reg)
    }

    /// Add the documents of another file (a user registry) after validating them against what
    /// is already loaded.
    pub fn extend_from_yaml(&mut self, path: &str, text: &str) -> Result<(), RegistryError> {
        let file: LegalFile = super::read(path, text)?;
        self.add(path, text, file.documents)
    }

    fn add(&mut self, path: &str, text: &str, docs: Vec<LegalDoc>) -> Result<(), RegistryError> {
        let mut seen_in_file: HashMap<String, usize> = HashMap::new();
        for doc in docs {
            let n = seen_in_file.entry(doc.symbol.clone()).or_insert(0);
            let index_in_file = *n;
            *n += 1;
            // Located only for an error: searching the file for every entry is most of the cost
            // of loading it.
            let anchor_offset = || RegistryError::locate_nth(text, &format!("symbol: {}", doc.symbol), index_in_file);
            let at = |needle: &str| {
                let anchor_offset = anchor_offset();
                text.get(anchor_offset..)
                    .and_then(|rest| rest.find(needle))
                    .map_or(anchor_offset, |i| anchor_offset + i)
            };
            if !well_formed(&doc.symbol) {
                return Err(RegistryError::new(
                    path,
                    text,
                    anchor_offset(),
                    Bilingual::new(
                        format!(
                            "`{}` không phải số ký hiệu đúng dạng chuẩn (`122/QĐ-TTg`, `20-NQ/TW`, `43/2025/TT-BYT`)",
                            doc.symbol
                        ),
                        format!(
                            "`{}` is not a symbol in a standard form (`122/QĐ-TTg`, `20-NQ/TW`, `43/2025/TT-BYT`)",
                            doc.symbol
                        ),
                    ),
                ));
            }
            let missing = [
                (Fact::Date, doc.date.is_none()),
                (Fact::Title, doc.title.is_none()),
                (Fact::Period, doc.period.is_none()),
                (Fact::Status, doc.status == DocStatus::Unknown),
            ];
            for (fact, absent) in missing {
                if absent && doc.is_verified(fact) {
                    return Err(RegistryError::new(
                        path,
                        text,
                        at("verified"),
                        Bilingual::new(
                            format!(
                                "`{}` đánh dấu `{}` đã xác minh nhưng không ghi giá trị đó",
                                doc.symbol,
                                format!("{fact:?}").to_lowercase()
                            ),
                            format!("`{}` marks {fact:?} verified but gives none", doc.symbol).to_lowercase(),
                        ),
                    ));
                }
            }
            let year = doc.date.map(|d| d.year);
            let clash = self.find_exact(&doc.symbol, year, doc.jurisdiction.as_deref());
            if clash.is_some() {
                return Err(RegistryError::new(
                    path,
                    text,
                    anchor_offset(),
                    Bilingual::new(
                        format!(
                            "`{}`{} được ghi hai lần trong danh mục",
                            doc.symbol,
                            year.map(|y| format!(" năm {y}")).unwrap_or_default()
                        ),
                        format!(
                            "`{}`{} is registered twice",
                            doc.symbol,
                            year.map(|y| format!(" of {y}")).unwrap_or_default()
                        ),
                    ),
                ));
            }
            let index = self.docs.len();
            self.by_symbol.entry(symbol_key(&doc.symbol)).or_default().push(index);
            self.docs.push(doc);
        }
        Ok(())
    }

    fn find_exact(&self, symbol: &str, year: Option<i32>, jurisdiction: Option<&str>) -> Option<&LegalDoc> {
        self.by_symbol
            .get(&symbol_key(symbol))?
            .iter()
            .filter_map(|&i| self.docs.get(i))
            .find(|d| d.date.map(|x| x.year) == year && d.jurisdiction.as_deref() == jurisdiction)
    }

    /// Every record.
    pub fn documents(&self) -> &[LegalDoc] {
        &self.docs
    }

    /// The records with a symbol.
    pub fn by_symbol(&self, symbol: &str) -> impl Iterator<Item = &LegalDoc> {
        self.by_symbol.get(&symbol_key(symbol)).into_iter().flatten().filter_map(|&i| self.docs.get(i))
    }

    /// The record a citation names: same symbol; the same year when both dates are known (a
    /// record without a date matches any year); the jurisdiction of a local record named in
    /// `place` (the citation's issuer or title). `None` unless exactly one record fits.
    pub fn lookup(&self, symbol: &str, year: Option<i32>, place: &str) -> Option<&LegalDoc> {
        let mut folded: Option<String> = None;
        let mut fits = self.by_symbol(symbol).filter(|d| {
            let year_ok = match (d.date, year) {
                (Some(date), Some(y)) => date.year == y,
                _ => true,
            };
            let place_ok = d.jurisdiction.as_ref().is_none_or(|j| {
                folded.get_or_insert_with(|| crate::text::fold_text(place)).contains(&crate::text::fold_text(j))
            });
            year_ok && place_ok
        });
        let first = fits.next()?;
        fits.next().is_none().then_some(first)
    }
}

/// The index key of a symbol: legal databases upper-case whole symbols (`05/CT-TTG`), so issuer
/// and type codes match whatever their case.
fn symbol_key(symbol: &str) -> String {
    symbol.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "documents:\n  - symbol: 122/QĐ-TTg\n    type: Quyết định\n    issuer: Thủ tướng Chính phủ\n    date: 2013-01-10\n    verified: [date, issuer]\n  - symbol: 118/QĐ-UBND\n    type: Quyết định\n    issuer: UBND thành phố Hải Phòng\n    date: 2026-01-12\n    jurisdiction: Hải Phòng\n    verified: [date]\n";

    #[test]
    fn lookup_needs_year_and_jurisdiction() {
        let reg = LegalRegistry::from_yaml("legal.yaml", YAML).unwrap();
        assert!(reg.lookup("122/QĐ-TTg", Some(2013), "").is_some());
        assert!(reg.lookup("122/QĐ-TTg", Some(2014), "").is_none(), "another year's 122/QĐ-TTg");
        assert!(reg.lookup("122/QĐ-TTg", None, "").is_some());
        assert!(reg.lookup("122/QĐ-TTG", Some(2013), "").is_some(), "a symbol upper-cased by a legal database");
        assert!(reg.lookup("118/QĐ-UBND", Some(2026), "của UBND thành phố Hải Phòng").is_some());
        assert!(reg.lookup("118/QĐ-UBND", Some(2026), "của UBND tỉnh Bắc Kạn").is_none());
        assert!(reg.lookup("118/QĐ-UBND", Some(2026), "").is_none());
    }

    #[test]
    fn bad_records_are_located() {
        let twice = format!(
            "{YAML}  - symbol: 122/QĐ-TTg\n    type: Quyết định\n    issuer: Thủ tướng\n    date: 2013-05-01\n"
        );
        let err = LegalRegistry::from_yaml("legal.yaml", &twice).unwrap_err();
        assert!(err.to_string().contains("được ghi hai lần"), "{err}");
        assert!(err.clone().in_lang(crate::lang::Lang::En).to_string().contains("registered twice"));
        assert_eq!(err.offset(), twice.rfind("symbol: 122").unwrap());
        let claim = YAML.replace("verified: [date]", "verified: [date, title]");
        let err = LegalRegistry::from_yaml("legal.yaml", &claim).unwrap_err();
        assert!(err.to_string().contains("đánh dấu `title` đã xác minh"), "{err}");
        assert!(err.clone().in_lang(crate::lang::Lang::En).to_string().contains("title verified but gives none"));
        let bad_date = YAML.replace("2013-01-10", "2013-02-30");
        let err = LegalRegistry::from_yaml("legal.yaml", &bad_date).unwrap_err();
        assert!(err.to_string().contains("2013-02-30"), "{err}");
        let bad_symbol = YAML.replace("122/QĐ-TTg", "122 /QĐ-TTg");
        assert!(LegalRegistry::from_yaml("legal.yaml", &bad_symbol).is_err());
    }
}

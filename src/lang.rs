//! The two languages planlint speaks, and the one type of text written in both.
//!
//! Every user-visible text that exists in both languages is a [`Bilingual`]; the language of a
//! run is chosen in one place, [`Lang::pick`] (which [`Bilingual::get`] uses). Code that writes
//! a message in place picks between its two wordings with `lang.pick(vi, en)`; a branch on
//! [`Lang::is_en`] is left only where the two languages do something different, not just say it
//! differently.

use clap::ValueEnum;

/// Language of messages, help and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Whether this is English.
    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// Of a text's Vietnamese and English wordings, the one in this language.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A text in both languages planlint speaks: Vietnamese always, English when it was written (a
/// rule file may leave it out; English then falls back to Vietnamese).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilingual {
    /// Vietnamese.
    pub vi: String,
    /// English, when given.
    en: Option<String>,
}

impl Bilingual {
    /// A text in both languages.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self { vi: vi.into(), en: Some(en.into()) }
    }

    /// A text written in Vietnamese only.
    pub fn vi_only(vi: impl Into<String>) -> Self {
        Self { vi: vi.into(), en: None }
    }

    /// From Vietnamese and, when given, English.
    pub fn with_optional_en(vi: impl Into<String>, en: Option<String>) -> Self {
        Self { vi: vi.into(), en }
    }

    /// English (Vietnamese when no English was written).
    pub fn en(&self) -> &str {
        self.en.as_deref().unwrap_or(&self.vi)
    }

    /// English, only when it was written.
    pub fn en_written(&self) -> Option<&str> {
        self.en.as_deref()
    }

    /// The text in a language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, self.en())
    }

    /// The text in a language, taken out.
    pub fn into_lang(self, lang: Lang) -> String {
        let Bilingual { vi, en } = self;
        lang.pick(None, en).unwrap_or(vi)
    }
}

//! The two languages planlint speaks.

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
}

//! Exit codes, in one place.

use std::process::{ExitCode, Termination};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at error level (0).
    Clean,
    /// Findings that fail the run (1).
    Findings,
    /// Usage, configuration, rule-file, registry or input error (2).
    Error,
}

impl ExitStatus {
    /// The numeric code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

impl Termination for ExitStatus {
    fn report(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

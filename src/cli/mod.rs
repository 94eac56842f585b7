//! The command line: argument parsing and the commands. The only module that reads the
//! environment and writes to the terminal (through the handles it is given).

mod exit;
mod extract;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use exit::ExitStatus;

use crate::lang::Lang;

/// planlint: kiểm tra kế hoạch của cơ quan nhà nước và tổ chức Đảng (a linter for Vietnamese
/// government plans).
#[derive(Debug, Parser)]
#[command(name = "planlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: `vi` (tiếng Việt) or `en`.
    #[arg(long, value_enum, default_value_t = Lang::Vi, global = true)]
    lang: Lang,
    /// Never colour the output.
    #[arg(long, global = true)]
    no_color: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the plan model extracted from a file (what rules see).
    Extract(ExtractArgs),
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ModelFormat {
    Json,
    Yaml,
}

/// How `extract` writes spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SpanStyle {
    /// `line:column-line:column`, columns in characters.
    Lines,
    /// `[start, end]` byte offsets into the file.
    Bytes,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// The plan file (`.txt`, `.md`); `-` reads standard input.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ModelFormat::Json)]
    format: ModelFormat,
    /// How to write spans.
    #[arg(long, value_enum, default_value_t = SpanStyle::Lines)]
    spans: SpanStyle,
    /// Name to use for standard input (its extension selects Markdown).
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
}

/// Terminal facts the commands need, gathered by `main`.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// Whether standard error is a terminal that may be coloured.
    pub color: bool,
    /// Width to wrap diagnostics at.
    pub width: usize,
}

/// Run a parsed command line.
pub fn run(cli: &Cli, term: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let term = Terminal { color: term.color && !cli.no_color, ..term };
    match &cli.command {
        Command::Extract(args) => extract::run(args, cli.lang, term, out, err),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}

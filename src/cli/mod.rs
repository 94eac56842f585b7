//! The command line: argument parsing and the commands. The only module that reads the
//! environment and writes to the terminal (through the handles it is given).

mod annotate;
mod check;
mod exit;
mod extract;
mod help;
mod init;
mod progress;
mod rules;
mod test;
mod usage;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use exit::ExitStatus;
pub use progress::{colour, stderr_draws};
pub use rules::{catalogue_markdown, explain_text};
pub use usage::report as report_usage_error;

use crate::lang::Lang;

/// planlint: kiểm tra kế hoạch của cơ quan nhà nước và tổ chức Đảng (a linter for Vietnamese
/// government plans).
#[derive(Debug, Parser)]
#[command(name = "planlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: `vi` (tiếng Việt, the default) or `en`; overrides the config's `lang`.
    #[arg(long, value_enum, global = true)]
    lang: Option<Lang>,
    /// Never colour the output.
    #[arg(long, global = true)]
    no_color: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check plans with the rules (files and directories; `-` reads standard input).
    Check(Box<CheckArgs>),
    /// Print the plan model extracted from a file (what rules see).
    Extract(ExtractArgs),
    /// List the rules, or explain one.
    Rules(RulesArgs),
    /// Run the inline tests of rule files (the built-in rules, or those under DIR).
    Test(TestArgs),
    /// Write a commented `planlint.yaml` in the current directory.
    Init(InitArgs),
    /// Write a copy of Word plans with the findings as Word comments (`PLAN.planlint.docx`).
    Annotate(Box<annotate::AnnotateArgs>),
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Overwrite an existing `planlint.yaml`.
    #[arg(long)]
    force: bool,
}

/// The stage a plan is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
enum StageArg {
    /// Being written: a blank number or day is expected.
    #[default]
    Draft,
    /// About to be signed and issued.
    Final,
}

impl From<StageArg> for crate::dsl::Stage {
    fn from(s: StageArg) -> Self {
        match s {
            StageArg::Draft => crate::dsl::Stage::Draft,
            StageArg::Final => crate::dsl::Stage::Final,
        }
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Plan files or directories (default: the current directory).
    paths: Vec<PathBuf>,
    #[command(flatten)]
    sources: RuleSources,
    /// Name to use for standard input (its extension selects Markdown; overrides match it).
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    #[command(flatten)]
    choice: RuleChoice,
    /// How many plans to check at once (default: one per processor).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Show only error-level findings (the summary line still counts everything).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Fail the run (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit 0 even when there are findings (2 still means planlint could not run).
    #[arg(long)]
    exit_zero: bool,
    /// After the run, the number of findings per rule and per file.
    #[arg(long)]
    statistics: bool,
    /// Output format: `human` (default), `json`, `sarif`, `github`, `junit`, `html`, `letter`
    /// (with `--output-dir`); `FORMAT=FILE`
    /// writes that format to a file. Repeatable: `--format human --format sarif=planlint.sarif`.
    #[arg(long, value_name = "FORMAT[=FILE]")]
    format: Vec<String>,
    /// Write the output (the format without `=FILE`) to this file instead of the screen.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Where `--format letter` writes its letters, one per plan.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file: only new findings are reported.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// Where a run's rules and config come from: the options `check` and `annotate` share (with
/// [`RuleChoice`]; `check` shows `--stdin-filename` between the two).
#[derive(Debug, Args)]
struct RuleSources {
    /// The stage: `draft` (default) or `final`; overrides the config's `stage`.
    #[arg(long, value_enum)]
    stage: Option<StageArg>,
    /// The config file (default: the nearest `planlint.yaml` from the working directory up).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A directory of extra rule files (`.plr`), loaded beside the built-in rules; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

/// Which rules run and with which registries: the options `check` and `annotate` share.
#[derive(Debug, Args)]
struct RuleChoice {
    /// Run only these rules: codes or prefixes, comma-separated (`T,L1,S101`, `ALL`); replaces
    /// the config's `select`.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Skip these rules: codes or prefixes, comma-separated; added to the config's `ignore`.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    ignore: Vec<String>,
    /// A registry file of your own (`documents:` or `targets:`), added to the built-in ones;
    /// repeatable.
    #[arg(long = "registry", value_name = "FILE")]
    registry: Vec<PathBuf>,
}

impl RuleSources {
    /// The run's options from these and the rule choice; the rest as a one-off run has them.
    fn run_options<'a>(&'a self, choice: &'a RuleChoice) -> check::RunOptions<'a> {
        check::RunOptions {
            stage: self.stage,
            config: self.config.as_deref(),
            rules: &self.rules,
            select: choice.select.as_deref(),
            ignore: &choice.ignore,
            registry: &choice.registry,
            baseline: None,
            keep_accepted: false,
            stdin_name: "<stdin>",
            jobs: None,
        }
    }
}

#[derive(Debug, Args)]
struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
    /// A directory of extra rule files (`.plr`); repeatable.
    #[arg(long = "rules", value_name = "DIR", global = true)]
    rules: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List every rule: code, name, severity, summary.
    List {
        /// `table` for the terminal, `markdown` for the catalogue (`rules/CATALOG.md`).
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Show a rule's documentation: what it checks, why, the legal basis, examples.
    Explain {
        /// The rule's code (`T101`) or name (`task-lead-missing`).
        code: String,
    },
}

/// Output format of `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Table,
    Markdown,
}

#[derive(Debug, Args)]
struct TestArgs {
    /// A directory of rule files whose tests to run (default: the built-in rules).
    dir: Option<PathBuf>,
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
    /// `[start, end]` byte offsets into the file's bytes (of the UTF-16 file, for UTF-16 input).
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
    /// Whether standard output is a terminal that may be coloured.
    pub out_color: bool,
    /// Width to wrap diagnostics at.
    pub width: usize,
    /// Whether standard error can draw a progress bar ([`stderr_draws`]).
    pub progress: bool,
}

/// The built-in registries with the user's files added; problems are written to `err`.
fn load_registry(
    files: &[PathBuf],
    lang: Lang,
    term: Terminal,
    err: &mut dyn Write,
) -> Result<std::borrow::Cow<'static, crate::registry::Registry>, ExitStatus> {
    let fail = |err: &mut dyn Write, d: &dyn miette::Diagnostic| {
        let _ = err.write_all(crate::report::render(d, term.color, term.width).as_bytes());
        ExitStatus::Error
    };
    if files.is_empty() {
        return crate::registry::Registry::builtin()
            .map(std::borrow::Cow::Borrowed)
            .map_err(|e| fail(err, &e.in_lang(lang)));
    }
    let mut texts = Vec::new();
    for f in files {
        let name = f.display().to_string();
        match crate::yaml::read(f) {
            Ok(t) => texts.push((name, t)),
            Err(why) => return Err(fail(err, &crate::registry::RegistryError::unreadable(&name, &why).in_lang(lang))),
        }
    }
    crate::registry::Registry::with_files(&texts).map(std::borrow::Cow::Owned).map_err(|e| fail(err, &e.in_lang(lang)))
}

/// A write to standard output failed. A closed pipe (`planlint check | head -1`) is how a
/// reader says it has read enough: the run ends quietly with `status`, the status of what was
/// written, as ripgrep does. Anything else (a full disk) is a message and exit code 2: the
/// output is incomplete.
pub(crate) fn stdout_failed(e: &std::io::Error, lang: Lang, err: &mut dyn Write, status: ExitStatus) -> ExitStatus {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return status;
    }
    let why = crate::source::io_reason(e, true);
    let _ = writeln!(
        err,
        "planlint: {}",
        lang.pick(
            format!("không ghi được kết quả ra đầu ra chuẩn (stdout): {}; kết quả bị thiếu", why.vi),
            format!("cannot write to standard output: {}; the output is incomplete", why.en())
        )
    );
    ExitStatus::Error
}

/// Run a parsed command line.
pub fn run(cli: &Cli, term: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let term = Terminal { color: term.color && !cli.no_color, out_color: term.out_color && !cli.no_color, ..term };
    // `check` reads its config (maybe `--config`) and takes the language from it; the other
    // commands take only the nearest config's `lang`.
    let lang = || {
        cli.lang
            .or_else(|| std::env::current_dir().ok().and_then(|d| crate::config::nearest_lang(&d)))
            .unwrap_or_default()
    };
    match &cli.command {
        Command::Check(args) => check::run(args, cli.lang, term, out, err),
        Command::Extract(args) => extract::run(args, lang(), term, out, err),
        Command::Annotate(args) => annotate::run(args, cli.lang, term, out, err),
        other => {
            // The other commands write little: their output's first failure is kept and told
            // once they are done.
            let lang = lang();
            let mut tracked = Tracked { inner: out, failed: None };
            let status = match other {
                Command::Rules(args) => match &args.command {
                    RulesCommand::List { format } => rules::list(&args.rules, *format, lang, term, &mut tracked, err),
                    RulesCommand::Explain { code } => rules::explain(&args.rules, code, lang, term, &mut tracked, err),
                },
                Command::Test(args) => test::run(args.dir.as_ref(), lang, term, &mut tracked, err),
                Command::Init(args) => init::run(args.force, lang, &mut tracked, err),
                Command::Check(_) | Command::Extract(_) | Command::Annotate(_) => ExitStatus::Error,
            };
            let _ = tracked.flush();
            match tracked.failed {
                Some(e) => stdout_failed(&e, lang, err, status),
                None => status,
            }
        }
    }
}

/// A writer that keeps its first failure.
struct Tracked<'a> {
    inner: &'a mut dyn Write,
    failed: Option<std::io::Error>,
}

impl Write for Tracked<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.failed.get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.failed.get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
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

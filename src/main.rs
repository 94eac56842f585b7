//! The `planlint` command: parse arguments, run, exit with the status of the run.

use std::io::IsTerminal;

use clap::Parser;
use planlint::cli::{Cli, ExitStatus, Terminal, run};

// mimalloc, as Ruff does: allocation is a tenth of a run's time with the system allocator
// (extraction and rules build many small strings), and compiling the extraction's regexes
// allocates and frees large tables that glibc returns to the kernel each time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitStatus {
    // Usage errors in the language of the run (see planlint::cli::report_usage_error).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return planlint::cli::report_usage_error(&e, &args, &mut std::io::stderr().lock()),
    };
    let stderr = std::io::stderr();
    // `NO_COLOR` and `FORCE_COLOR` (see planlint::cli::colour); `--no-color` is applied by `run`.
    let var = |name: &str| std::env::var(name).ok();
    let colour = |tty: bool| planlint::cli::colour(tty, var("NO_COLOR").as_deref(), var("FORCE_COLOR").as_deref());
    let color = colour(stderr.is_terminal());
    let out_color = colour(std::io::stdout().is_terminal());
    let progress = planlint::cli::stderr_draws(stderr.is_terminal(), var("TERM").as_deref());
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
    let mut out = std::io::stdout().lock();
    let mut err = stderr.lock();
    run(&cli, Terminal { color, out_color, width, progress }, &mut out, &mut err)
}

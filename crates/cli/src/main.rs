//! `concord`: the installable command (`cargo install --path crates/cli`), with the same commands,
//! flags and help as `cargo xtask run|stage|...` inside the repository.

use std::process::ExitCode;

use clap::Parser;
use concord_cli::UserCommand;

/// concord: what the world's press agrees and disagrees on.
#[derive(Parser)]
#[command(name = "concord", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: UserCommand,
}

// Reconcile and the report allocate many small values (entities, mentions, rows); mimalloc
// spends less on them than the system allocator (BENCHMARKS.md, session 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    concord_cli::init_logging();
    concord_cli::report_result(cli.command.dispatch())
}

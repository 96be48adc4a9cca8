//! The `unboil` binary: a thin front end over the library.

mod cli;

use clap::Parser;
use std::process::ExitCode;

use cli::args::{CleanArgs, Tool, ToolArgs};

/// Words that start a command rather than name an input file (a file with
/// such a name can be given as `./eval`).
const COMMANDS: &[&str] = &["eval", "rules", "explain"];

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let is_command = argv
        .get(1)
        .and_then(|a| a.to_str())
        .is_some_and(|a| COMMANDS.contains(&a));
    let result = if is_command {
        match ToolArgs::parse_from(&argv).command {
            Tool::Eval(a) => cli::eval::run(a),
            Tool::Rules(a) => cli::rules_cmd::run(a),
            Tool::Explain(a) => cli::explain::run(a),
        }
    } else {
        cli::clean::run(CleanArgs::parse_from(&argv))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unboil: {e:#}");
            ExitCode::from(2)
        }
    }
}

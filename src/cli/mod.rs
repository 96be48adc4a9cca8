//! The command-line front end: argument parsing and the commands; all the
//! work is the library's.

pub mod args;
pub mod clean;
pub mod eval;
pub mod explain;
pub mod progress;
pub mod rules;
pub mod rules_cmd;

//! Shared by the integration tests that drive the built binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the binary with `args`, feeding it `stdin`, and waits for it.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_unboil"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run unboil");
    let mut sin = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    // Write on a thread: a large input must not deadlock against the output.
    // The binary may not read stdin at all when given files.
    let feeder = std::thread::spawn(move || {
        let _ = sin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for unboil");
    feeder.join().expect("stdin writer");
    out
}

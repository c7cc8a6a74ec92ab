//! A closed stdout (`cordon … | head -2`) ends every command that prints
//! quietly: exit status 141 (128 + SIGPIPE, as `cat` or `grep` end), no
//! panic, no error message.
#![cfg(unix)]

mod common;
use common::sample;

use std::process::{Command, Stdio};

/// Runs `cordon ARGS` with a stdout pipe whose reading end is closed before
/// the command starts (closing it after the spawn races a fast command,
/// which may have printed into the pipe already); returns the exit code and
/// stderr.
fn with_closed_stdout(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cordon"));
    cmd.env_remove("CORDON_DATA_DIR")
        .env("CORDON_NO_AUDIT", "1")
        .arg("--data")
        .arg(sample())
        .args(args)
        .stdout(Stdio::from(closed_pipe()))
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("running cordon");
    if let (Some(text), Some(mut w)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        let _ = w.write_all(text.as_bytes());
    }
    let out = child.wait_with_output().expect("cordon ends");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The writing end of a pipe whose reading end is already closed.
fn closed_pipe() -> std::os::fd::OwnedFd {
    let (read, write) = rustix::pipe::pipe().expect("a pipe");
    drop(read);
    write
}

#[test]
fn a_closed_stdout_ends_each_command_quietly() {
    let many: String = (0..20_000)
        .map(|i| format!("{{\"id\":\"q{i}\",\"name\":\"John Smith\"}}\n"))
        .collect();
    let cases: Vec<(Vec<&str>, Option<&str>)> = vec![
        (vec!["screen", "John Smith"], None),
        (vec!["screen", "--json", "Acme Example Trading Co"], None),
        (vec!["lists"], None),
        (vec!["compare", "John Smith", "Jon Smith"], None),
        (vec!["goods", "8542.31"], None),
        (vec!["update", "--list-sources"], None),
        (vec!["batch", "-"], Some(&many)),
    ];
    for (args, stdin) in cases {
        let (code, stderr) = with_closed_stdout(&args, stdin);
        assert_eq!(code, Some(141), "cordon {args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "cordon {args:?}: {stderr}");
        assert!(!stderr.contains("error"), "cordon {args:?}: {stderr}");
    }
}
